import OrderedCollections
import WeftCore

/// A node that behaves exactly like the node it wraps (same schema and hooks) and reports each call's start,
/// end and duration to a ``NodeCallObserver``.
struct TimedNode: Node {
    /// The node doing the work.
    let wrapped: any Node
    /// Who hears about calls.
    let observer: any NodeCallObserver

    var schema: NodeSchema { wrapped.schema }

    var customValidatedInputs: Set<String> { wrapped.customValidatedInputs }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        observer.nodeCallStarted(context.nodeID)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let output = try await wrapped.run(inputs, context: context)
            observer.nodeCallFinished(context.nodeID, duration: clock.now - start, error: nil)
            return output
        } catch {
            observer.nodeCallFinished(context.nodeID, duration: clock.now - start, error: error)
            throw error
        }
    }

    func lazyInputsNeeded(_ inputs: NodeInputs, context: NodeContext) async throws -> [String] {
        try await wrapped.lazyInputsNeeded(inputs, context: context)
    }

    func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try await wrapped.fingerprint(inputs, context: context)
    }

    func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure] {
        wrapped.validateInputs(inputs)
    }
}

extension NodeRegistry {
    /// This registry with every node wrapped in a ``TimedNode`` reporting to `observer`.
    func timed(by observer: any NodeCallObserver) -> NodeRegistry {
        var registry = NodeRegistry()
        for node in nodes.values {
            // The class names are unique already, so registering them again cannot fail.
            try? registry.register(TimedNode(wrapped: node, observer: observer))
        }
        return registry
    }
}
