import Testing

@testable import WeftCore

@Suite("Node inputs")
struct NodeInputsTests {
    /// A stand-in for a payload such as an image batch.
    private struct Batch: CustomValue {
        var count: Int
        var typeName: String { "IMAGE" }
        var summary: String { "IMAGE [\(count), 8, 8, 3]" }
        var byteCount: Int { count * 8 * 8 * 3 * 4 }
    }

    private struct Other: CustomValue {
        var typeName: String { "MODEL" }
        var summary: String { "MODEL" }
        var byteCount: Int { 0 }
    }

    @Test("typed accessors read values and name the input when they cannot")
    func accessors() throws {
        let inputs = NodeInputs(lists: [
            "images": [.custom(Batch(count: 2))], "steps": [.int(20)], "seed": [.int(Int128(UInt64.max))],
            "cfg": [.int(7)], "name": [.string("x")], "items": [.string("a"), .string("b")],
        ])
        #expect(try inputs.custom("images", as: Batch.self).count == 2)
        #expect(try inputs.int("steps") == 20)
        #expect(try inputs.int128("seed") == Int128(UInt64.max))
        #expect(try inputs.double("cfg") == 7.0)
        #expect(try inputs.list("items").count == 2)
        #expect(inputs.has("name") && !inputs.has("missing"))
        #expect(throws: NodeInputError.wrongType("images", expected: "Other", found: "IMAGE")) {
            try inputs.custom("images", as: Other.self)
        }
        #expect(throws: NodeInputError.wrongType("name", expected: "INT", found: "STRING")) { try inputs.int("name") }
        #expect(throws: NodeInputError.outOfRange("seed", "18446744073709551615")) { try inputs.int("seed") }
        #expect(throws: NodeInputError.missing("missing")) { try inputs.string("missing") }
        #expect(Value.custom(Batch(count: 1)).byteCount == 768)
        #expect(Value.custom(Batch(count: 1)).summary == "IMAGE [1, 8, 8, 3]")
    }
}
