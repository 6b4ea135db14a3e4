import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Prompt life cycle over HTTP and WebSocket", .serialized)
struct PromptLifecycleTests {
    @Test("a submitted prompt runs, its client hears ComfyUI's events in order, and history has the result")
    func lifecycle() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let socket = try await SocketRecorder.connect(to: server, query: "clientId=alice-tab")
        defer { socket.close() }
        let greeting = try #require(socket.received.first)
        #expect(greeting == ["type": "status", "data": ["status": ["exec_info": ["queue_remaining": 0]], "sid": "alice-tab"]])

        let reply = try await server.post("/prompt", json: ["prompt": Workflows.echo("hello"), "client_id": "alice-tab"])
        #expect(reply.status == 200)
        let id = try #require(reply.json["prompt_id"]?.stringValue)
        #expect(reply.json["number"] == 0)
        #expect(reply.json["node_errors"] == [:])

        try await socket.waitForDone(id)
        let types = socket.received.dropFirst().compactMap { $0["type"]?.stringValue }
        let start = try #require(types.firstIndex(of: "execution_start"))
        let cached = try #require(types.firstIndex(of: "execution_cached"))
        let executed = try #require(types.firstIndex(of: "executed"))
        let success = try #require(types.firstIndex(of: "execution_success"))
        let done = try #require(types.lastIndex(of: "executing"))
        #expect(start < cached && cached < executed && executed < success && success < done)
        #expect(types[success + 1..<done].contains("status"))
        #expect(types.first == "status")

        let executedMessage = try #require(socket.received.first { $0["type"] == "executed" })
        #expect(executedMessage["data"] == ["node": "2", "display_node": "2", "output": ["text": ["hello"]], "prompt_id": .string(id)])
        let progressStates = socket.received.filter { $0["type"] == "progress_state" }
        #expect(progressStates.last?["data"]?["nodes"]?.objectValue?.keys.sorted() == ["1", "2"])

        // The history entry is readable as soon as the done signal arrives.
        let history = try await server.get("/history/\(id)").json
        let entry = try #require(history[id])
        #expect(entry["prompt"] == [0, .string(id), Workflows.echo("hello"), ["client_id": "alice-tab"], ["2"]])
        #expect(entry["outputs"] == ["2": ["text": ["hello"]]])
        #expect(entry["status"]?["status_str"] == "success")
        #expect(entry["status"]?["completed"] == true)
        #expect(
            entry["status"]?["messages"]?.arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } == [
                "execution_start", "execution_cached", "execution_success",
            ])
        #expect(entry["meta"] == ["2": ["node_id": "2", "display_node": "2", "parent_node": .null, "real_node_id": "2"]])
    }

    @Test("events go only to the submitting client; every client hears the queue status")
    func targeting() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let submitter = try await SocketRecorder.connect(to: server, query: "clientId=one")
        let bystander = try await SocketRecorder.connect(to: server, query: "clientId=two")
        defer {
            submitter.close()
            bystander.close()
        }
        let id = try await server.submit(Workflows.echo("private"), clientID: "one")
        try await submitter.waitForDone(id)
        try await bystander.waitFor { $0["type"] == "status" && $0["data"]?["status"]?["exec_info"]?["queue_remaining"] == 1 }
        #expect(Set(bystander.types) == ["status"])
        #expect(bystander.messages(about: id).isEmpty)
    }

    @Test("a client reconnecting while its prompt runs is told which node is executing")
    func reconnect() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let id = try await server.submit(Workflows.slow("wait", seconds: 30), clientID: "returning")
        try await server.waitUntil("/queue") { $0["queue_running"]?.arrayValue?.count == 1 }
        // By now the Delay node has long started, so the only `executing` this client can get is the re-sent one.
        try await Task.sleep(for: .milliseconds(300))
        let socket = try await SocketRecorder.connect(to: server, query: "clientId=returning")
        defer { socket.close() }
        let executing = try await socket.waitFor { $0["type"] == "executing" }
        #expect(executing["data"] == ["node": "3", "display_node": "3", "prompt_id": .string(id)])
        #expect(try await server.post("/interrupt", json: [:]).status == 200)
        try await socket.waitForDone(id)
    }

    @Test("a client that announces feature flags gets the server's flags back")
    func featureFlags() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let socket = try await SocketRecorder.connect(
            to: server, query: "clientId=flags", firstMessage: #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#)
        defer { socket.close() }
        let reply = try await socket.waitFor { $0["type"] == "feature_flags" }
        #expect(reply["data"] == ["supports_preview_metadata": true, "max_upload_size": 104_857_600])
        #expect(try await server.get("/features").json == ["supports_preview_metadata": true, "max_upload_size": 104_857_600])
    }

    @Test("a prompt that fails at run time is recorded with its error and the client hears execution_error")
    func failure() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let socket = try await SocketRecorder.connect(to: server, query: "clientId=f")
        defer { socket.close() }
        let id = try await server.submit(Workflows.failing, clientID: "f")
        try await socket.waitForDone(id)
        let error = try #require(socket.received.first { $0["type"] == "execution_error" })
        #expect(error["data"]?["node_id"] == "1")
        #expect(error["data"]?["node_type"] == "IntMath")
        let entry = try await server.waitForHistory(id)
        #expect(entry["status"]?["status_str"] == "error")
        #expect(entry["status"]?["completed"] == false)
        #expect(entry["status"]?["messages"]?.arrayValue?.last?.arrayValue?.first == "execution_error")
    }

    @Test("both /prompt and /api/prompt work, and GET /prompt counts what remains")
    func apiPrefix() async throws {
        let server = try await TestServer.start { $0.workers = 1 }
        defer { Task { await server.stop() } }
        #expect(try await server.post("/api/queue", json: ["pause": true]).status == 200)
        let reply = try await server.post("/api/prompt", json: ["prompt": Workflows.echo("api")])
        #expect(reply.status == 200)
        #expect(try await server.get("/prompt").json == ["exec_info": ["queue_remaining": 1]])
        #expect(try await server.get("/api/prompt").json == ["exec_info": ["queue_remaining": 1]])
    }

    @Test("20 clients submitting at once: every prompt is accepted once, runs, and succeeds")
    func concurrentClients() async throws {
        let server = try await TestServer.start { $0.workers = 2 }
        defer { Task { await server.stop() } }
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for client in 0..<20 {
                group.addTask {
                    var ids: [String] = []
                    for index in 0..<5 {
                        ids.append(try await server.submit(Workflows.echo("c\(client)-\(index)"), clientID: "client-\(client)"))
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 100)
        for id in ids {
            let entry = try await server.waitForHistory(id)
            #expect(entry["status"]?["status_str"] == "success")
        }
        let numbers = try await server.get("/history?max_items=200").json.objectValue?.values.compactMap { $0["prompt"]?.arrayValue?.first } ?? []
        #expect(Set(numbers).count == 100)
    }
}
