/// Which jobs to list, in what order, and which page of them.
public struct JobQuery: Sendable, Equatable {
    /// The states to include; empty means all.
    public var statuses: Set<JobStatus>
    /// Only this user's jobs; nil means every user's.
    public var user: String?
    /// The sort key.
    public var sortBy: JobSortKey
    /// Ascending order when true; newest (or longest) first when false.
    public var ascending: Bool
    /// At most this many jobs; nil means no limit.
    public var limit: Int?
    /// How many matching jobs to skip first.
    public var offset: Int
    /// Only jobs whose `extra_data.extra_pnginfo.workflow.id` equals this; nil means any.
    public var workflowID: String?

    /// Creates a query; the defaults list every job, newest first.
    public init(
        statuses: Set<JobStatus> = [],
        user: String? = nil,
        sortBy: JobSortKey = .createdAt,
        ascending: Bool = false,
        limit: Int? = nil,
        offset: Int = 0,
        workflowID: String? = nil
    ) {
        self.statuses = statuses
        self.user = user
        self.sortBy = sortBy
        self.ascending = ascending
        self.limit = limit
        self.offset = offset
        self.workflowID = workflowID
    }
}
