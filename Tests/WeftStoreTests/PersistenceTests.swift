import GRDB
import OrderedCollections
import Testing
import WeftCore
import WeftStore

@Suite("Persistence")
struct PersistenceTests {
    @Test("JSON columns round-trip key order and 64-bit integers exactly")
    func jsonRoundTrip() throws {
        let store = try JobStore.inMemory()
        let workflow: JSONValue = [
            "10": ["inputs": ["seed": .integer(18_446_744_073_709_551_615), "cfg": 7.5, "text": "ünïcode \"quoted\"\n"]],
            "2": [
                "class_type": "SaveImage",
                "inputs": ["images": ["10", 0], "negative": .integer(-170_141_183_460_469_231_731_687_303_715_884_105_728)],
            ],
            "1": ["zeta": nil, "alpha": true, "mid": [:], "list": []],
        ]
        var prompt = makePrompt("json")
        prompt.prompt = workflow
        prompt.extraData = ["z": 1, "a": ["y": 2, "b": 3]]
        prompt.outputsToExecute = ["2", "10"]
        try store.enqueue(prompt)
        let stored = try #require(try store.pending(user: nil).first)
        #expect(stored == prompt)
        #expect(stored.prompt.objectValue?.keys.elements == ["10", "2", "1"])
        #expect(stored.prompt["1"]?.objectValue?.keys.elements == ["zeta", "alpha", "mid", "list"])
        #expect(stored.prompt["10"]?["inputs"]?["seed"] == .integer(18_446_744_073_709_551_615))
        #expect(stored.prompt.serialized() == workflow.serialized())

        var record = makeRecord(prompt)
        record.outputs = ["9": ["text": ["b", "a"], "images": []], "1": ["animated": [false]]]
        try store.finish(record)
        let entry = try #require(try store.historyEntry("json", user: nil))
        #expect(entry == record)
        #expect(entry.outputs.objectValue?.keys.elements == ["9", "1"])
        #expect(entry.outputs["9"]?.objectValue?.keys.elements == ["text", "images"])
    }

    @Test("settings are stored, replaced and deleted")
    func settings() throws {
        let store = try JobStore.inMemory()
        #expect(try store.setting("queue.paused") == nil)
        try store.setSetting("queue.paused", to: "true")
        #expect(try store.setting("queue.paused") == "true")
        try store.setSetting("queue.paused", to: "false")
        #expect(try store.setting("queue.paused") == "false")
        try store.setSetting("queue.paused", to: nil)
        #expect(try store.setting("queue.paused") == nil)
    }

    @Test("reopening the file keeps pending prompts in order, settings, history and the counter")
    func reopen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("weft.sqlite")
        do {
            let store = try JobStore(path: path)
            try store.enqueue(makePrompt("late", number: 9))
            try store.enqueue(makePrompt("early", number: 1))
            try store.enqueue(makePrompt("done", number: 0))
            try store.enqueue(makePrompt("also-early", number: 1))
            let done = try #require(try store.claimNext(now: 5))
            try store.finish(makeRecord(done))
            try store.setSetting("queue.paused", to: "true")
            #expect(try store.nextNumber() == 0)
            #expect(try store.nextNumber() == 1)
        }
        let reopened = try JobStore(path: path)
        #expect(try reopened.pending(user: nil).map(\.promptID) == ["early", "also-early", "late"])
        #expect(try reopened.history(user: nil, maxItems: nil, offset: nil).map(\.prompt.promptID) == ["done"])
        #expect(try reopened.setting("queue.paused") == "true")
        #expect(try reopened.nextNumber() == 2)

        let raw = try DatabaseQueue(path: path)
        #expect(try raw.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test(
        "an unreadable JSON column is reported with the prompt id and column",
        arguments: [
            ("prompt", "{\"3\": ", "pending"),
            ("extra_data", "not json", "pending"),
            ("outputs_to_execute", "[\"9\", 4]", "pending"),
            ("outputs", "{]", "finished"),
            ("messages", "", "finished"),
        ]
    )
    func corruptColumn(column: String, garbage: String, state: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("weft.sqlite")
        let store = try JobStore(path: path)
        let prompt = makePrompt("broken")
        try store.enqueue(prompt)
        if state == "finished" {
            try store.finish(makeRecord(prompt))
        }
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in
            try db.execute(sql: "UPDATE jobs SET \(column) = ? WHERE prompt_id = 'broken'", arguments: [garbage])
        }

        let error = try #require(throws: JobStoreError.self) { try store.jobs(JobQuery()) }
        guard case .corruptRow(let promptID, let reportedColumn, let reason) = error else {
            Issue.record("expected a corrupt row error, got \(error)")
            return
        }
        #expect(promptID == "broken")
        #expect(reportedColumn == column)
        #expect(!reason.isEmpty)
        #expect(error.description.hasPrefix("The stored prompt \"broken\" has an unreadable \(column) column: "))
        #expect(throws: error) { try store.job("broken", user: nil) }
    }
}
