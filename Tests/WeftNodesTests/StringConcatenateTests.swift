import OrderedCollections
import Testing
import WeftCore
import WeftNodes

@Suite struct StringConcatenateTests {
    @Test func joinsWithoutDelimiter() async throws {
        let output = try await run(StringConcatenate(), ["string_a": .string("Hello"), "string_b": .string("World"), "delimiter": .string("")])
        #expect(firstValue(output) == .string("HelloWorld"))
    }

    @Test func joinsWithDelimiter() async throws {
        let output = try await run(StringConcatenate(), ["string_a": .string("a cat"), "string_b": .string("a hat"), "delimiter": .string(", ")])
        #expect(firstValue(output) == .string("a cat, a hat"))
    }

    @Test func keepsMultilineText() async throws {
        let output = try await run(
            StringConcatenate(), ["string_a": .string("line 1\n"), "string_b": .string("line 2"), "delimiter": .string("--\n")])
        #expect(firstValue(output) == .string("line 1\n--\nline 2"))
    }

    @Test func schemaMatchesComfyUI() {
        let schema = StringConcatenate().schema
        #expect(schema.inputs.map(\.name) == ["string_a", "string_b", "delimiter"])
        #expect(schema.input(named: "string_a")?.options["multiline"] == .bool(true))
        #expect(schema.input(named: "delimiter")?.defaultValue == .string(""))
        #expect(schema.displayName == "Concatenate")
        #expect(schema.category == "utils/string")
    }
}
