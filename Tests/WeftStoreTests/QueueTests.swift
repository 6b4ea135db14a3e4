import Testing
import WeftStore

@Suite("Queue")
struct QueueTests {
    @Test("pending prompts run lowest number first, equal numbers in submission order")
    func runOrder() throws {
        let store = try JobStore.inMemory()
        for (id, number) in [("a", 5.0), ("b", 1.0), ("c", 5.0), ("d", -2.0), ("e", 1.0)] {
            try store.enqueue(makePrompt(id, number: number))
        }
        #expect(try store.pending(user: nil).map(\.promptID) == ["d", "b", "e", "a", "c"])
        var claimed: [String] = []
        while let next = try store.claimNext(now: 10) {
            claimed.append(next.promptID)
        }
        #expect(claimed == ["d", "b", "e", "a", "c"])
        #expect(try store.pending(user: nil).isEmpty)
    }

    @Test("claimNext returns the stored prompt, marks it running and records its start")
    func claimMarksRunning() throws {
        let store = try JobStore.inMemory()
        let prompt = makePrompt("p1", number: 3, user: "alice", createdAt: 1_234)
        try store.enqueue(prompt)
        #expect(try store.claimNext(now: 5_000) == prompt)
        #expect(try store.running(user: "alice") == [prompt])
        #expect(try store.running(user: "bob").isEmpty)
        let job = try store.job("p1", user: nil)
        #expect(job?.status == .inProgress)
        #expect(job?.startedAt == 5_000)
        #expect(job?.history == nil)
        #expect(try store.claimNext(now: 5_001) == nil)
    }

    @Test("running prompts are listed in the order they were claimed, even with equal start times")
    func runningOrder() throws {
        let store = try JobStore.inMemory()
        for (id, number) in [("x", 3.0), ("y", 1.0), ("z", 2.0)] {
            try store.enqueue(makePrompt(id, number: number))
        }
        _ = try store.claimNext(now: 7)
        _ = try store.claimNext(now: 7)
        #expect(try store.running(user: nil).map(\.promptID) == ["y", "z"])
        #expect(try store.queueCounts(user: nil) == (pending: 1, running: 2))
    }

    @Test("queue counts are scoped by user")
    func countsByUser() throws {
        let store = try JobStore.inMemory()
        try store.enqueue(makePrompt("a1", number: 0, user: "alice"))
        try store.enqueue(makePrompt("a2", number: 1, user: "alice"))
        try store.enqueue(makePrompt("b1", number: 2, user: "bob"))
        _ = try store.claimNext(now: 1)
        #expect(try store.queueCounts(user: "alice") == (pending: 1, running: 1))
        #expect(try store.queueCounts(user: "bob") == (pending: 1, running: 0))
        #expect(try store.queueCounts(user: "carol") == (pending: 0, running: 0))
        #expect(try store.queueCounts(user: nil) == (pending: 2, running: 1))
    }

    @Test("a prompt id is refused while pending, running or in history")
    func duplicateRefused() throws {
        let store = try JobStore.inMemory()
        let prompt = makePrompt("dup")
        try store.enqueue(prompt)
        #expect(throws: JobStoreError.duplicatePromptID("dup")) { try store.enqueue(prompt) }
        _ = try store.claimNext(now: 1)
        #expect(throws: JobStoreError.duplicatePromptID("dup")) { try store.enqueue(makePrompt("dup", user: "other")) }
        try store.finish(makeRecord(prompt))
        #expect(throws: JobStoreError.duplicatePromptID("dup")) { try store.enqueue(prompt) }
        #expect(try store.pending(user: nil).isEmpty)
    }

    @Test("deletePending removes only pending prompts of the given user")
    func deletePendingScoped() throws {
        let store = try JobStore.inMemory()
        try store.enqueue(makePrompt("a1", number: 0, user: "alice"))
        try store.enqueue(makePrompt("a2", number: 1, user: "alice"))
        try store.enqueue(makePrompt("b1", number: 2, user: "bob"))
        try store.enqueue(makePrompt("b2", number: 3, user: "bob"))
        #expect(try store.claimNext(now: 1)?.promptID == "a1")

        #expect(try store.deletePending(["b1", "a2", "a1", "missing"], user: "alice") == ["a2"])
        #expect(try store.pending(user: nil).map(\.promptID) == ["b1", "b2"])
        #expect(try store.deletePending(["b2", "a1"], user: nil) == ["b2"])
        #expect(try store.pending(user: nil).map(\.promptID) == ["b1"])
        #expect(try store.running(user: nil).map(\.promptID) == ["a1"])
    }

    @Test("clearPending removes every pending prompt of one user, or of all users")
    func clearPendingScoped() throws {
        let store = try JobStore.inMemory()
        try store.enqueue(makePrompt("a1", number: 0, user: "alice"))
        try store.enqueue(makePrompt("b1", number: 1, user: "bob"))
        try store.enqueue(makePrompt("a2", number: 2, user: "alice"))
        try store.enqueue(makePrompt("b2", number: 3, user: "bob"))
        try store.enqueue(makePrompt("c1", number: 4, user: "carol"))
        #expect(try store.claimNext(now: 1)?.promptID == "a1")

        #expect(try store.clearPending(user: "bob") == ["b1", "b2"])
        #expect(try store.pending(user: nil).map(\.promptID) == ["a2", "c1"])
        #expect(try store.clearPending(user: nil) == ["a2", "c1"])
        #expect(try store.pending(user: nil).isEmpty)
        #expect(try store.running(user: nil).map(\.promptID) == ["a1"])
    }

    @Test("nextNumber starts at 0 and hands out each value once")
    func counter() throws {
        let store = try JobStore.inMemory()
        #expect(try store.nextNumber() == 0)
        #expect(try store.nextNumber() == 1)
        #expect(try store.nextNumber() == 2)
    }

    @Test("concurrent claimers on two connections to one file never get the same prompt")
    func claimIsAtomic() async throws {
        let directory = try TemporaryDirectory()
        let first = try JobStore(path: directory.path("jobs.sqlite"))
        let second = try JobStore(path: directory.path("jobs.sqlite"))
        let ids = (0..<300).map { "p\($0)" }
        for (index, id) in ids.enumerated() {
            try first.enqueue(makePrompt(id, number: Double(index)))
        }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for claimer in 0..<8 {
                let store = claimer.isMultiple(of: 2) ? first : second
                group.addTask {
                    var mine: [String] = []
                    while let prompt = try store.claimNext(now: Int64(claimer)) {
                        mine.append(prompt.promptID)
                    }
                    return mine
                }
            }
            var all: [[String]] = []
            for try await mine in group {
                all.append(mine)
            }
            return all
        }
        let claimed = claims.flatMap { $0 }
        #expect(claimed.count == ids.count)
        #expect(Set(claimed) == Set(ids))
        let queuePosition = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        for mine in claims {
            let positions = mine.compactMap { queuePosition[$0] }
            #expect(positions == positions.sorted())
        }
        #expect(try first.queueCounts(user: nil) == (pending: 0, running: 300))
    }
}
