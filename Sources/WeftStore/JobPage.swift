/// One page of a jobs listing.
public struct JobPage: Sendable, Equatable {
    /// The jobs on this page, in the requested order.
    public var jobs: [JobRecord]
    /// How many jobs matched the query before limit and offset.
    public var total: Int

    /// Creates a page from its jobs and the total match count.
    public init(jobs: [JobRecord], total: Int) {
        self.jobs = jobs
        self.total = total
    }
}
