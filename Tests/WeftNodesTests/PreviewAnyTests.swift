import OrderedCollections
import Testing
import WeftCore
import WeftNodes

@Suite struct PreviewAnyTests {
    @Test func formatsScalarsLikePython() {
        #expect(PreviewAny.text(for: .string("a cat\nin a hat")) == "a cat\nin a hat")
        #expect(PreviewAny.text(for: .int(42)) == "42")
        #expect(PreviewAny.text(for: .int(Int128(UInt64.max))) == "18446744073709551615")
        #expect(PreviewAny.text(for: .double(0.5)) == "0.5")
        #expect(PreviewAny.text(for: .double(3)) == "3.0")
        #expect(PreviewAny.text(for: .double(1e-5)) == "1e-05")
        #expect(PreviewAny.text(for: .double(0x1p53)) == "9007199254740992.0")
        #expect(PreviewAny.text(for: .double(.infinity)) == "inf")
        #expect(PreviewAny.text(for: .double(.nan)) == "nan")
        #expect(PreviewAny.text(for: .bool(true)) == "True")
        #expect(PreviewAny.text(for: .bool(false)) == "False")
        #expect(PreviewAny.text(for: .null) == "None")
    }

    @Test func prettyPrintsJSONLikeJSONDumpsIndent4() {
        let value: JSONValue = ["a": [1, 2.5], "b": [:], "c": [], "d": "é\"", "e": ["f": nil, "g": true]]
        let expected = """
            {
                "a": [
                    1,
                    2.5
                ],
                "b": {},
                "c": [],
                "d": "\\u00e9\\"",
                "e": {
                    "f": null,
                    "g": true
                }
            }
            """
        #expect(PreviewAny.text(for: .json(value)) == expected)
        #expect(PreviewAny.text(for: .json([])) == "[]")
    }

    @Test func customPayloadsShowTheirSummary() {
        #expect(PreviewAny.text(for: .custom(FakePayload())) == "IMAGE [1, 64, 64, 3]")
    }

    @Test func runReturnsTextAsUI() async throws {
        let output = try await run(PreviewAny(), ["source": .int(7)])
        #expect(output.slots.isEmpty)
        #expect(output.ui == ["text": ["7"]])
    }

    @Test func schemaIsAnOutputNode() {
        let schema = PreviewAny().schema
        #expect(schema.isOutputNode)
        #expect(schema.outputs.isEmpty)
        #expect(schema.inputs.map(\.name) == ["source"])
        #expect(schema.inputs.first?.type == .named("*"))
        #expect(schema.displayName == "Preview Any")
    }
}
