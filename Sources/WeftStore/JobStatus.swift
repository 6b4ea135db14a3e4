/// The state of a job as the jobs API reports it.
public enum JobStatus: String, Sendable, CaseIterable {
    /// Waiting in the queue.
    case pending
    /// Running now.
    case inProgress = "in_progress"
    /// Finished with status "success".
    case completed
    /// Finished with any other status.
    case failed
}
