import Foundation
import GRDB
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Queue recovery in process", .serialized)
struct RecoveryTests {
    @Test("a pending prompt whose stored JSON is unreadable is set aside, and the prompts after it still run")
    func corruptPromptSetAside() async throws {
        let first = try await TestServer.start()
        #expect(try await first.post("/queue", json: ["pause": true]).status == 200)
        let broken = try await first.submit(Workflows.echo("broken"))
        let healthy = try await first.submit(Workflows.echo("healthy"))
        await first.stop(removingData: false)

        let database = try DatabaseQueue(path: first.root.appending(path: "weft.sqlite").path)
        try await database.write { db in
            try db.execute(sql: "UPDATE jobs SET prompt = '{not json' WHERE prompt_id = ?", arguments: [broken])
        }
        try await database.close()

        let second = try await TestServer.start(root: first.root)
        defer { Task { await second.stop() } }
        #expect(try await second.post("/queue", json: ["resume": true]).status == 200)
        #expect(try await second.waitForHistory(healthy)["status"]?["status_str"] == "success")
        #expect(try await second.get("/queue").json["queue_pending"] == [])
        #expect(try await second.get("/history/\(broken)").json == [:])
    }
}
