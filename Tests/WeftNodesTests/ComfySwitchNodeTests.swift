import Testing
import WeftCore
import WeftNodes

@Suite struct ComfySwitchNodeTests {
    let node = ComfySwitchNode()
    let scratch = Scratch()

    private func needed(_ values: KeyValuePairs<String, Value>) async throws -> [String] {
        try await node.lazyInputsNeeded(inputs(values), context: scratch.context())
    }

    @Test func trueWithoutOnTrueAsksForOnTrueOnly() async throws {
        #expect(try await needed(["switch": .bool(true)]) == ["on_true"])
    }

    @Test func trueWithOnTrueNeedsNothing() async throws {
        #expect(try await needed(["switch": .bool(true), "on_true": .int(1)]).isEmpty)
    }

    @Test func falseWithoutOnFalseAsksForOnFalseOnly() async throws {
        #expect(try await needed(["switch": .bool(false)]) == ["on_false"])
        #expect(try await needed(["switch": .bool(false), "on_true": .int(1)]) == ["on_false"])
    }

    @Test func falseWithOnFalseNeedsNothing() async throws {
        #expect(try await needed(["switch": .bool(false), "on_false": .int(2)]).isEmpty)
    }

    @Test func runReturnsTheChosenBranch() async throws {
        let both: KeyValuePairs<String, Value> = ["switch": .bool(true), "on_true": .string("yes"), "on_false": .string("no")]
        #expect(firstValue(try await run(node, both)) == .string("yes"))
        let onlyFalse: KeyValuePairs<String, Value> = ["switch": .bool(false), "on_false": .int(9)]
        #expect(firstValue(try await run(node, onlyFalse)) == .integer(9))
    }

    @Test func runPassesCustomPayloadsThrough() async throws {
        let output = try await run(node, ["switch": .bool(true), "on_true": .custom(FakePayload())])
        guard case .custom(let payload) = output.slots.first?.first else {
            Issue.record("expected a custom payload")
            return
        }
        #expect(payload.summary == "IMAGE [1, 64, 64, 3]")
    }

    @Test func runNamesTheMissingBranch() async throws {
        await #expect(throws: NodeInputError.missing("on_true")) {
            try await run(node, ["switch": .bool(true), "on_false": .string("no")])
        }
        await #expect(throws: NodeInputError.missing("on_false")) {
            try await run(node, ["switch": .bool(false), "on_true": .string("yes")])
        }
    }

    @Test func schemaDeclaresLazyBranches() {
        let schema = node.schema
        #expect(schema.inputs.map(\.name) == ["switch", "on_false", "on_true"])
        #expect(schema.inputs.map(\.isLazy) == [false, true, true])
        #expect(schema.inputs.allSatisfy { $0.section == .required })
        #expect(schema.outputs.map(\.type) == ["*"])
        #expect(schema.outputs.map(\.name) == ["output"])
    }
}
