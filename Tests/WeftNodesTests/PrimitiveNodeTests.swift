import OrderedCollections
import Testing
import WeftCore
import WeftNodes

@Suite struct PrimitiveNodeTests {
    @Test func intPassesValueThroughBeyond64Bits() async throws {
        let big = Int128(UInt64.max)
        let output = try await run(PrimitiveNode.int, ["value": .int(big)])
        #expect(firstValue(output) == .integer(big))
        #expect(output.slots.count == 1)
    }

    @Test func floatWidensAnInt() async throws {
        #expect(firstValue(try await run(PrimitiveNode.float, ["value": .int(3)])) == .double(3))
        #expect(firstValue(try await run(PrimitiveNode.float, ["value": .double(-2.5)])) == .double(-2.5))
    }

    @Test func stringsAndBooleansPassThrough() async throws {
        #expect(firstValue(try await run(PrimitiveNode.string, ["value": .string("cat")])) == .string("cat"))
        #expect(firstValue(try await run(PrimitiveNode.stringMultiline, ["value": .string("a\nb")])) == .string("a\nb"))
        #expect(firstValue(try await run(PrimitiveNode.boolean, ["value": .bool(true)])) == .bool(true))
    }

    @Test func wrongTypeIsRefused() async throws {
        await #expect(throws: NodeInputError.wrongType("value", expected: "INT", found: "STRING")) {
            try await run(PrimitiveNode.int, ["value": .string("7")])
        }
        await #expect(throws: NodeInputError.missing("value")) {
            try await run(PrimitiveNode.boolean, [:])
        }
    }

    @Test func schemasMatchComfyUI() {
        let expected: [(String, String, String, String)] = [
            ("PrimitiveInt", "Int", "INT", "INT"), ("PrimitiveFloat", "Float", "FLOAT", "FLOAT"),
            ("PrimitiveString", "String", "STRING", "STRING"),
            ("PrimitiveStringMultiline", "String (Multiline)", "STRING", "STRING"),
            ("PrimitiveBoolean", "Boolean", "BOOLEAN", "BOOLEAN"),
        ]
        let nodes = PrimitiveNode.all
        #expect(nodes.count == expected.count)
        for (node, (className, display, inputType, outputType)) in zip(nodes, expected) {
            #expect(node.schema.className == className)
            #expect(node.schema.displayName == display)
            #expect(node.schema.category == "utils/primitive")
            #expect(node.schema.module == "comfy_extras.nodes_primitive")
            #expect(node.schema.inputs.map(\.name) == ["value"])
            #expect(node.schema.inputs.first?.type == .named(inputType))
            #expect(node.schema.outputs.map(\.type) == [outputType])
        }
        let intValue = PrimitiveNode.int.schema.input(named: "value")
        #expect(intValue?.minimum == .integer(-9_223_372_036_854_775_807))
        #expect(intValue?.maximum == .integer(9_223_372_036_854_775_807))
        #expect(intValue?.options["control_after_generate"] == .bool(true))
        #expect(PrimitiveNode.float.schema.input(named: "value")?.maximum == .double(9_223_372_036_854_775_807.0))
        #expect(PrimitiveNode.stringMultiline.schema.input(named: "value")?.options["multiline"] == .bool(true))
        #expect(PrimitiveNode.string.schema.input(named: "value")?.options["multiline"] == nil)
    }
}
