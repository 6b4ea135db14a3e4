/// What the jobs API sorts by.
public enum JobSortKey: String, Sendable {
    /// The time the prompt was accepted.
    case createdAt = "created_at"
    /// Finish time minus start time; jobs without both sort last.
    case executionDuration = "execution_duration"
}
