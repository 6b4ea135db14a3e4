public import OrderedCollections

/// How a prompt run ended, with everything history and callers need.
public struct ExecutionOutcome: Sendable {
    /// Success, or why not.
    public enum Status: Sendable, Equatable {
        case success
        case failed(ExecutionErrorReport)
        case interrupted(InterruptionReport)
    }

    public var promptID: String
    public var status: Status
    /// UI data per node (history's `outputs`), including cache hits, in dependency order.
    public var outputs: OrderedDictionary<NodeID, JSONValue>
    /// Every node result computed or reused in this run.
    public var results: [NodeID: NodeResult]
    /// Nodes that ran, in the order they finished.
    public var executed: [NodeID]
    /// Nodes reused from the cache.
    public var cached: [NodeID]
    /// The events history keeps (`status.messages`): start, cached and the terminal one.
    public var messages: [ExecutionEvent]

    /// History's `status_str`: `"success"` or `"error"` (interruptions included).
    public var statusString: String { status == .success ? "success" : "error" }
}
