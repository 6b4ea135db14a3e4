/// One job of the jobs API: a prompt in any state.
public struct JobRecord: Sendable, Equatable {
    /// The prompt as it was queued.
    public var prompt: QueuedPrompt
    /// Its current state.
    public var status: JobStatus
    /// Its results; present when it has finished.
    public var history: HistoryRecord?
    /// When it began running, in milliseconds; nil if it has not run.
    public var startedAt: Int64?

    /// Creates a job record from all of its parts.
    public init(prompt: QueuedPrompt, status: JobStatus, history: HistoryRecord?, startedAt: Int64?) {
        self.prompt = prompt
        self.status = status
        self.history = history
        self.startedAt = startedAt
    }
}
