import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Queue control: order, priority, delete, clear, pause, interrupt, cancel", .serialized)
struct QueueControlTests {
    /// The prompt ids of `/queue`'s pending list, sorted by number as ComfyUI clients do.
    private func pendingIDs(_ server: TestServer) async throws -> [String] {
        let items: [[JSONValue]] = (try await server.get("/queue").json["queue_pending"]?.arrayValue ?? []).compactMap(\.arrayValue)
        let numbered: [(number: Double, id: String)] = items.compactMap { item in
            guard item.count == 5, let id = item[1].stringValue else { return nil }
            switch item[0] {
            case .integer(let value): return (Double(value), id)
            case .double(let value): return (value, id)
            default: return nil
            }
        }
        return numbered.sorted { $0.number < $1.number }.map(\.id)
    }

    @Test("pending prompts run lowest number first; front jumps ahead; delete and clear remove pending ones")
    func ordering() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.post("/queue", json: ["pause": true]).status == 200)
        #expect(try await server.get("/queue").json["paused"] == true)
        let a = try await server.submit(Workflows.echo("a"))
        let b = try await server.submit(Workflows.echo("b"))
        let c = try await server.submit(Workflows.echo("c"), extra: ["front": true])
        let d = try await server.submit(Workflows.echo("d"), extra: ["number": -100])
        #expect(try await pendingIDs(server) == [d, c, a, b])

        #expect(try await server.post("/queue", json: ["delete": [.string(c)]]).status == 200)
        #expect(try await pendingIDs(server) == [d, a, b])

        #expect(try await server.post("/queue", json: ["resume": true]).status == 200)
        let finishOrder = try await historyOrder(server, count: 3)
        #expect(finishOrder == [d, a, b])

        #expect(try await server.post("/queue", json: ["pause": true]).status == 200)
        _ = try await server.submit(Workflows.echo("e"))
        #expect(try await server.post("/queue", json: ["clear": true]).status == 200)
        #expect(try await pendingIDs(server).isEmpty)
    }

    private func historyOrder(_ server: TestServer, count: Int) async throws -> [String] {
        try await server.waitUntil("/history") { ($0.objectValue?.count ?? 0) >= count }
        return try await server.get("/history").json.objectValue?.keys.map { $0 } ?? []
    }

    @Test("interrupting one prompt by id stops it at once; others keep their place")
    func interruptByID() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let socket = try await SocketRecorder.connect(to: server, query: "clientId=i")
        defer { socket.close() }
        let long = try await server.submit(Workflows.slow("long", seconds: 30), clientID: "i")
        let next = try await server.submit(Workflows.echo("next"), clientID: "i")
        try await socket.waitFor { $0["type"] == "progress" && $0["data"]?["prompt_id"]?.stringValue == long }

        #expect(try await server.post("/interrupt", json: ["prompt_id": "not-running"]).status == 200)
        #expect(try await server.get("/queue").json["queue_running"]?.arrayValue?.count == 1)

        let clock = ContinuousClock()
        let started = clock.now
        #expect(try await server.post("/interrupt", json: ["prompt_id": .string(long)]).status == 200)
        let entry = try await server.waitForHistory(long)
        #expect(clock.now - started < .seconds(3))
        #expect(entry["status"]?["status_str"] == "error")
        #expect(entry["status"]?["messages"]?.arrayValue?.last?.arrayValue?.first == "execution_interrupted")
        let interrupted = try await socket.waitFor { $0["type"] == "execution_interrupted" }
        #expect(interrupted["data"]?["node_id"] == "3")
        #expect(interrupted["data"]?["node_type"] == "Delay")
        #expect(try await server.waitForHistory(next)["status"]?["status_str"] == "success")
    }

    @Test("the jobs API lists, shows and cancels jobs in every state")
    func jobs() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let done = try await server.submit(Workflows.echo("done"))
        _ = try await server.waitForHistory(done)
        let running = try await server.submit(Workflows.slow("running", seconds: 30))
        try await server.waitUntil("/queue") { $0["queue_running"]?.arrayValue?.count == 1 }
        let pending = try await server.submit(Workflows.echo("pending"))

        let all = try await server.get("/api/jobs").json
        #expect(all["pagination"]?["total"] == 3)
        #expect(all["jobs"]?.arrayValue?.compactMap { $0["status"]?.stringValue }.sorted() == ["completed", "in_progress", "pending"])
        let onlyPending = try await server.get("/api/jobs?status=pending").json
        #expect(onlyPending["jobs"]?.arrayValue?.map { $0["id"] } == [.string(pending)])
        let paged = try await server.get("/api/jobs?limit=1&offset=1&sort_order=asc").json
        #expect(paged["jobs"]?.arrayValue?.map { $0["id"] } == [.string(running)])
        #expect(paged["pagination"]?["has_more"] == true)

        let detail = try await server.get("/api/jobs/\(done)").json
        #expect(detail["status"] == "completed")
        #expect(detail["outputs"] == ["2": ["text": ["done"]]])
        #expect(detail["workflow"]?["prompt"] == Workflows.echo("done"))
        #expect(detail["execution_status"]?["status_str"] == "success")

        #expect(try await server.post("/api/jobs/\(pending)/cancel", json: [:]).json["result"] == "cancelled")
        #expect(try await server.get("/api/jobs/\(pending)").status == 404)
        #expect(try await server.post("/api/jobs/\(running)/cancel", json: [:]).json["result"] == "interrupting")
        #expect(try await server.waitForHistory(running)["status"]?["status_str"] == "error")
        #expect(try await server.post("/api/jobs/\(done)/cancel", json: [:]).status == 409)
        #expect(try await server.get("/api/jobs?status=bogus").status == 400)
    }

    @Test("history pages like ComfyUI's, and deletes entries and, when asked, their files")
    func history() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        var ids: [String] = []
        for index in 0..<4 {
            let id = try await server.submit(Workflows.saveText("file \(index)", prefix: "notes"))
            _ = try await server.waitForHistory(id)
            ids.append(id)
        }
        #expect(try await server.get("/history").json.objectValue?.keys.map { $0 } == ids)
        #expect(try await server.get("/history?max_items=2").json.objectValue?.keys.map { $0 } == Array(ids.suffix(2)))
        #expect(try await server.get("/history?max_items=2&offset=1").json.objectValue?.keys.map { $0 } == Array(ids[1...2]))

        let output = server.root.appending(path: "output")
        let first = output.appending(path: "notes_00001_.txt")
        #expect(FileManager.default.fileExists(atPath: first.path))
        let view = try await server.get("/view?filename=notes_00001_.txt&type=output")
        #expect(view.text == "file 0")
        #expect(view.header("Content-Type")?.hasPrefix("text/plain") == true)

        #expect(try await server.post("/history", json: ["delete": [.string(ids[0])], "delete_outputs": true]).status == 200)
        #expect(!FileManager.default.fileExists(atPath: first.path))
        #expect(try await server.get("/history/\(ids[0])").json == [:])
        #expect(try await server.post("/history", json: ["delete": [.string(ids[1])]]).status == 200)
        #expect(FileManager.default.fileExists(atPath: output.appending(path: "notes_00002_.txt").path))
        #expect(try await server.post("/history", json: ["clear": true]).status == 200)
        #expect(try await server.get("/history").json == [:])
    }

    @Test("history keeps at most the configured number of entries")
    func retention() async throws {
        let server = try await TestServer.start { $0.historyMaxItems = 2 }
        defer { Task { await server.stop() } }
        var ids: [String] = []
        for index in 0..<4 {
            let id = try await server.submit(Workflows.echo("r\(index)"))
            _ = try await server.waitForHistory(id)
            ids.append(id)
        }
        try await server.waitUntil("/history") { $0.objectValue?.keys.map { $0 } == Array(ids.suffix(2)) }
    }
}
