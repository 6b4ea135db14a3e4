import OrderedCollections

/// One attempt to run a node, carried into a child task: its inputs are a snapshot, so the task shares no state
/// with the run.
struct NodeInvocation: Sendable {
    /// How an attempt ended.
    enum Attempt: Sendable {
        case completed(NodeResult)
        /// The node asked for lazy inputs that are not evaluated yet; it will be asked again once they are.
        case needsLazyInputs([String])
        /// The node threw; the inputs it was given are kept for the error report.
        case failed(any Error, inputs: [String: [Value]])
    }

    let planned: PlannedNode
    let inputs: [String: [Value]]
    let context: NodeContext

    func attempt() async -> Attempt {
        do {
            try context.checkInterrupted()
            let calls = ListMapping.calls(for: inputs, inputIsList: planned.schema.inputIsList)
            let missing = try await missingLazyInputs(calls)
            if !missing.isEmpty { return .needsLazyInputs(missing) }
            var outputs: [NodeOutput] = []
            outputs.reserveCapacity(calls.count)
            for call in calls {
                try context.checkInterrupted()
                outputs.append(try await planned.node.run(call, context: context))
            }
            return .completed(try ListMapping.merge(outputs, declared: planned.schema.outputs))
        } catch {
            return .failed(error, inputs: inputs)
        }
    }

    /// Lazy inputs the node asks for (over every call) that are connected but not evaluated yet.
    private func missingLazyInputs(_ calls: [NodeInputs]) async throws -> [String] {
        guard planned.schema.inputs.contains(where: \.isLazy) else { return [] }
        var missing: [String] = []
        for call in calls {
            for name in try await planned.node.lazyInputsNeeded(call, context: context) where inputs[name] == nil {
                guard case .link? = planned.inputs[name], !missing.contains(name) else { continue }
                missing.append(name)
            }
        }
        return missing
    }
}
