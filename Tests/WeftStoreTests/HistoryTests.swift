import Testing
import WeftStore

@Suite("History")
struct HistoryTests {
    /// A store whose history holds h0…h4 (finished in that order at 100…500 ms) for alternating users.
    private func storeWithHistory() throws -> JobStore {
        let store = try JobStore.inMemory()
        for index in 0..<5 {
            let prompt = makePrompt("h\(index)", number: Double(index), user: index.isMultiple(of: 2) ? "alice" : "bob")
            try store.enqueue(prompt)
            _ = try store.claimNext(now: Int64(index * 100))
            try store.finish(makeRecord(prompt, startedAt: nil, finishedAt: Int64(index * 100 + 100)))
        }
        return store
    }

    @Test("finish moves a prompt from running to the end of history with its results")
    func finishRecordsHistory() throws {
        let store = try JobStore.inMemory()
        let first = makePrompt("first", number: 2)
        let second = makePrompt("second", number: 1)
        try store.enqueue(first)
        try store.enqueue(second)
        #expect(try store.claimNext(now: 50) == second)
        #expect(try store.claimNext(now: 60) == first)
        try store.finish(makeRecord(first, startedAt: nil, finishedAt: 70))
        try store.finish(makeRecord(second, status: "error", startedAt: nil, finishedAt: 80))

        let history = try store.history(user: nil, maxItems: nil, offset: nil)
        #expect(history.map(\.prompt.promptID) == ["first", "second"])
        #expect(history[0] == makeRecord(first, startedAt: 60, finishedAt: 70))
        #expect(history[1].statusString == "error")
        #expect(history[1].completed == false)
        #expect(history[1].startedAt == 50)
        #expect(try store.running(user: nil).isEmpty)
        #expect(try store.job("second", user: nil)?.status == .failed)
        #expect(try store.job("first", user: nil)?.status == .completed)
    }

    @Test("historyEntry is nil while a prompt is pending or running, and for another user")
    func entryOnlyWhenFinished() throws {
        let store = try JobStore.inMemory()
        let prompt = makePrompt("p", user: "alice")
        try store.enqueue(prompt)
        #expect(try store.historyEntry("p", user: nil) == nil)
        _ = try store.claimNext(now: 1)
        #expect(try store.historyEntry("p", user: nil) == nil)
        try store.finish(makeRecord(prompt, startedAt: 1, finishedAt: 9))
        #expect(try store.historyEntry("p", user: "alice") == makeRecord(prompt, startedAt: 1, finishedAt: 9))
        #expect(try store.historyEntry("p", user: nil)?.finishedAt == 9)
        #expect(try store.historyEntry("p", user: "bob") == nil)
        #expect(try store.historyEntry("unknown", user: nil) == nil)
    }

    @Test("finish records a prompt whose row is gone")
    func finishWithoutRow() throws {
        let store = try JobStore.inMemory()
        let prompt = makePrompt("ghost", user: "alice", createdAt: 42)
        try store.finish(makeRecord(prompt, startedAt: nil, finishedAt: 99))
        #expect(try store.historyEntry("ghost", user: "alice") == makeRecord(prompt, startedAt: nil, finishedAt: 99))
        #expect(try store.job("ghost", user: nil)?.prompt.createdAt == 42)
    }

    @Test(
        "history pages follow ComfyUI's rule",
        arguments: [
            (nil, nil, ["h0", "h1", "h2", "h3", "h4"]),
            (2, nil, ["h3", "h4"]),
            (2, -1, ["h3", "h4"]),
            (10, nil, ["h0", "h1", "h2", "h3", "h4"]),
            (nil, 3, ["h3", "h4"]),
            (2, 1, ["h1", "h2"]),
            (2, 4, ["h4"]),
            (0, nil, []),
            (nil, 9, []),
        ] as [(Int?, Int?, [String])]
    )
    func paging(maxItems: Int?, offset: Int?, expected: [String]) throws {
        let store = try storeWithHistory()
        #expect(try store.history(user: nil, maxItems: maxItems, offset: offset).map(\.prompt.promptID) == expected)
    }

    @Test("history paging counts only the given user's entries")
    func pagingByUser() throws {
        let store = try storeWithHistory()
        #expect(try store.history(user: "alice", maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h0", "h2", "h4"])
        #expect(try store.history(user: "alice", maxItems: 2, offset: nil).map(\.prompt.promptID) == ["h2", "h4"])
        #expect(try store.history(user: "bob", maxItems: 1, offset: 0).map(\.prompt.promptID) == ["h1"])
        #expect(try store.history(user: "carol", maxItems: 1, offset: nil).isEmpty)
    }

    @Test("deleteHistory returns and removes only finished entries of the user")
    func deleteEntries() throws {
        let store = try storeWithHistory()
        try store.enqueue(makePrompt("queued", user: "alice"))
        let deleted = try store.deleteHistory(["h1", "h2", "h4", "queued", "nope"], user: "alice")
        #expect(deleted.map(\.prompt.promptID) == ["h2", "h4"])
        #expect(deleted[0].finishedAt == 300)
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h0", "h1", "h3"])
        #expect(try store.pending(user: nil).map(\.promptID) == ["queued"])
        #expect(try store.deleteHistory(["h1"], user: nil).map(\.prompt.promptID) == ["h1"])
    }

    @Test("clearHistory removes one user's history, or everyone's")
    func clearEntries() throws {
        let store = try storeWithHistory()
        #expect(try store.clearHistory(user: "bob").map(\.prompt.promptID) == ["h1", "h3"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h0", "h2", "h4"])
        #expect(try store.clearHistory(user: nil).map(\.prompt.promptID) == ["h0", "h2", "h4"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).isEmpty)
    }

    @Test("pruneHistory keeps the newest entries by count")
    func pruneByCount() throws {
        let store = try storeWithHistory()
        #expect(try store.pruneHistory(maxItems: 3, finishedBefore: nil).map(\.prompt.promptID) == ["h0", "h1"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h2", "h3", "h4"])
        #expect(try store.pruneHistory(maxItems: 3, finishedBefore: nil).isEmpty)
        #expect(try store.pruneHistory(maxItems: 0, finishedBefore: nil).map(\.prompt.promptID) == ["h2", "h3", "h4"])
    }

    @Test("with slack, pruning waits until the count may exceed the limit by more than the slack, then cuts to the limit")
    func pruneWithSlack() throws {
        let store = try storeWithHistory()  // h0…h4
        #expect(try store.pruneHistory(maxItems: 2, finishedBefore: nil, slack: 3).isEmpty)
        #expect(try store.pruneHistory(maxItems: 1, finishedBefore: nil, slack: 3).map(\.prompt.promptID) == ["h0", "h1", "h2", "h3"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h4"])
    }

    @Test("a gap left by deleted entries never makes pruning drop entries it should keep")
    func pruneAfterGaps() throws {
        let store = try storeWithHistory()
        _ = try store.deleteHistory(["h1", "h2"], user: nil)
        #expect(try store.pruneHistory(maxItems: 3, finishedBefore: nil).isEmpty)
        #expect(try store.pruneHistory(maxItems: 2, finishedBefore: nil).map(\.prompt.promptID) == ["h0"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h3", "h4"])
    }

    @Test("pruneHistory drops entries older than a time, and combines both limits")
    func pruneByAge() throws {
        let store = try storeWithHistory()
        #expect(try store.pruneHistory(maxItems: nil, finishedBefore: 300).map(\.prompt.promptID) == ["h0", "h1"])
        #expect(try store.pruneHistory(maxItems: nil, finishedBefore: nil).isEmpty)
        #expect(try store.pruneHistory(maxItems: 2, finishedBefore: 450).map(\.prompt.promptID) == ["h2", "h3"])
        #expect(try store.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["h4"])
    }
}
