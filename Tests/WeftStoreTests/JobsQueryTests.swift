import Testing
import WeftStore

@Suite("Jobs query")
struct JobsQueryTests {
    /// p1 pending, p2 running, p3 completed (500 ms), p4 failed (100 ms), p5 completed (900 ms); created in that order.
    private func storeWithJobs() throws -> JobStore {
        let store = try JobStore.inMemory()
        let prompts = [
            makePrompt("p1", number: 10, user: "alice", createdAt: 1_000, workflowID: "wf-a"),
            makePrompt("p2", number: 0, user: "bob", createdAt: 2_000),
            makePrompt("p3", number: 1, user: "alice", createdAt: 3_000, workflowID: "wf-a"),
            makePrompt("p4", number: 2, user: "bob", createdAt: 4_000, workflowID: "wf-b"),
            makePrompt("p5", number: 3, user: "alice", createdAt: 5_000),
        ]
        for prompt in prompts {
            try store.enqueue(prompt)
        }
        _ = try store.claimNext(now: 6_000)
        try store.finish(makeRecord(prompts[2], startedAt: 7_000, finishedAt: 7_500))
        try store.finish(makeRecord(prompts[3], status: "error", startedAt: 8_000, finishedAt: 8_100))
        try store.finish(makeRecord(prompts[4], startedAt: 9_000, finishedAt: 9_900))
        return store
    }

    private func ids(_ store: JobStore, _ query: JobQuery) throws -> [String] {
        try store.jobs(query).jobs.map(\.prompt.promptID)
    }

    @Test("the default query lists every job newest first with the total")
    func defaultQuery() throws {
        let store = try storeWithJobs()
        let page = try store.jobs(JobQuery())
        #expect(page.total == 5)
        #expect(page.jobs.map(\.prompt.promptID) == ["p5", "p4", "p3", "p2", "p1"])
        #expect(page.jobs.map(\.status) == [.completed, .failed, .completed, .inProgress, .pending])
        #expect(page.jobs.map(\.startedAt) == [9_000, 8_000, 7_000, 6_000, nil])
        #expect(
            page.jobs[2].history
                == makeRecord(makePrompt("p3", number: 1, user: "alice", createdAt: 3_000, workflowID: "wf-a"), startedAt: 7_000, finishedAt: 7_500))
        #expect(page.jobs[3].history == nil)
    }

    @Test("statuses filter the jobs")
    func statusFilter() throws {
        let store = try storeWithJobs()
        #expect(try ids(store, JobQuery(statuses: [.completed])) == ["p5", "p3"])
        #expect(try ids(store, JobQuery(statuses: [.failed])) == ["p4"])
        #expect(try ids(store, JobQuery(statuses: [.pending, .inProgress], ascending: true)) == ["p1", "p2"])
        #expect(try store.jobs(JobQuery(statuses: Set(JobStatus.allCases))).total == 5)
        #expect(try store.jobs(JobQuery(statuses: [.completed, .failed])).total == 3)
    }

    @Test("user and workflow id filter the jobs")
    func userAndWorkflowFilter() throws {
        let store = try storeWithJobs()
        #expect(try ids(store, JobQuery(user: "alice")) == ["p5", "p3", "p1"])
        #expect(try ids(store, JobQuery(workflowID: "wf-a")) == ["p3", "p1"])
        #expect(try ids(store, JobQuery(statuses: [.completed], user: "alice", workflowID: "wf-a")) == ["p3"])
        #expect(try store.jobs(JobQuery(user: "bob", workflowID: "wf-a")) == JobPage(jobs: [], total: 0))
    }

    @Test("sorting by execution duration puts jobs without one last")
    func durationSort() throws {
        let store = try storeWithJobs()
        #expect(try ids(store, JobQuery(sortBy: .executionDuration)) == ["p5", "p3", "p4", "p2", "p1"])
        #expect(try ids(store, JobQuery(sortBy: .executionDuration, ascending: true)) == ["p4", "p3", "p5", "p1", "p2"])
    }

    @Test("limit and offset page the sorted jobs; the total ignores them")
    func paging() throws {
        let store = try storeWithJobs()
        let page = try store.jobs(JobQuery(limit: 2, offset: 1))
        #expect(page.jobs.map(\.prompt.promptID) == ["p4", "p3"])
        #expect(page.total == 5)
        #expect(try ids(store, JobQuery(ascending: true, offset: 3)) == ["p4", "p5"])
        #expect(try store.jobs(JobQuery(statuses: [.completed], limit: 1)).total == 2)
        #expect(try ids(store, JobQuery(limit: 0)).isEmpty)
    }
}
