public import OrderedCollections

/// The result of validating a prompt: what can run, and everything that is wrong.
///
/// As in ComfyUI, a prompt runs when at least one output is valid; ``nodeErrors`` then describes the outputs
/// that were dropped. When nothing can run, ``error`` says why and ``plan`` is nil.
public struct ValidationOutcome: Sendable {
    /// The executable plan for the valid outputs, or nil when none is valid.
    public var plan: ExecutionPlan?
    /// The prompt-level error when nothing can run.
    public var error: ValidationError?
    /// Per-node errors, in document order.
    public var nodeErrors: OrderedDictionary<NodeID, NodeErrorReport>

    public init(plan: ExecutionPlan?, error: ValidationError?, nodeErrors: OrderedDictionary<NodeID, NodeErrorReport>) {
        self.plan = plan
        self.error = error
        self.nodeErrors = nodeErrors
    }

    /// `node_errors` as ComfyUI's JSON object.
    public var nodeErrorsJSON: JSONValue { .object(nodeErrors.mapValues(\.json)) }

    /// ComfyUI's 400 body, `{"error": …, "node_errors": …}`, when nothing can run.
    public var errorResponseJSON: JSONValue? {
        error.map { ["error": $0.json, "node_errors": nodeErrorsJSON] }
    }
}
