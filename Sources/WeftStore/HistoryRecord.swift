public import WeftCore

/// A finished prompt with its results (ComfyUI history entry parts).
public struct HistoryRecord: Sendable, Equatable {
    /// The prompt as it was queued.
    public var prompt: QueuedPrompt
    /// Object mapping node id to that node's UI output dictionary.
    public var outputs: JSONValue
    /// "success" or "error".
    public var statusString: String
    /// Whether the run completed.
    public var completed: Bool
    /// Array of `[type, data]` event pairs recorded during the run.
    public var messages: JSONValue
    /// Object with per-node metadata.
    public var meta: JSONValue
    /// When the prompt began running, in milliseconds; nil if it never ran.
    public var startedAt: Int64?
    /// When the prompt finished, in milliseconds.
    public var finishedAt: Int64

    /// Creates a history record from all of its parts.
    public init(
        prompt: QueuedPrompt,
        outputs: JSONValue,
        statusString: String,
        completed: Bool,
        messages: JSONValue,
        meta: JSONValue,
        startedAt: Int64?,
        finishedAt: Int64
    ) {
        self.prompt = prompt
        self.outputs = outputs
        self.statusString = statusString
        self.completed = completed
        self.messages = messages
        self.meta = meta
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
