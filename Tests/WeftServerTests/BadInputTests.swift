import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Bad input gets a JSON 4xx and loses nothing", .serialized)
struct BadInputTests {
    @Test("validation failures come back in ComfyUI's shape, with node_errors")
    func validation() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let invalid: JSONValue = [
            "1": ["class_type": "PrimitiveInt", "inputs": ["value": "many"]], "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
        let reply = try await server.post("/prompt", json: ["prompt": invalid])
        #expect(reply.status == 400)
        #expect(reply.json["error"]?["type"] == "prompt_outputs_failed_validation")
        #expect(reply.json["node_errors"]?["1"]?["errors"]?.arrayValue?.first?["type"] == "invalid_input_type")

        let unknown = try await server.post("/prompt", json: ["prompt": ["1": ["class_type": "NoSuchNode", "inputs": [:]]]])
        #expect(unknown.status == 400)
        #expect(unknown.json["error"]?["type"] == "invalid_prompt")

        let noPrompt = try await server.post("/prompt", json: ["client_id": "x"])
        #expect(noPrompt.status == 400)
        #expect(noPrompt.json["error"]?["type"] == "no_prompt")
    }

    @Test("malformed JSON, wrong content types, oversized bodies, unknown routes and huge ids")
    func malformed() async throws {
        let server = try await TestServer.start { $0.maxUploadBytes = 4096 }
        defer { Task { await server.stop() } }
        let queued = try await server.submit(Workflows.slow("keep", seconds: 30), clientID: nil)

        let broken = try await server.send("POST", "/prompt", body: Array(#"{"prompt": {"#.utf8), headers: [("Content-Type", "application/json")])
        #expect(broken.status == 400)
        #expect(broken.json["error"]?["type"] == "invalid_json")
        #expect(broken.json["error"]?["details"]?.stringValue?.contains("line 1") == true)

        let wrongType = try await server.send("POST", "/prompt", body: Array("x".utf8), headers: [("Content-Type", "image/png")])
        #expect(wrongType.status == 415)
        #expect(wrongType.json["error"]?["type"] == "unsupported_media_type")

        let big = JSONValue.object(["prompt": Workflows.echo(String(repeating: "x", count: 10_000))])
        let oversized = try await server.post("/prompt", json: big)
        #expect(oversized.status == 413)
        #expect(oversized.json["error"]?["type"] == "body_too_large")

        let nowhere = try await server.get("/no/such/route")
        #expect(nowhere.status == 404)
        #expect(nowhere.json["error"]?["type"] == "not_found")

        let hugeID = String(repeating: "9", count: 3000)
        #expect(try await server.get("/history/\(hugeID)").json == [:])
        let hugeCount = try await server.get("/history?max_items=\(hugeID)")
        #expect(hugeCount.status == 400)
        #expect(hugeCount.json["error"]?["details"] == "max_items")
        let longPromptID = try await server.post("/prompt", json: ["prompt": Workflows.echo("x"), "prompt_id": .string(hugeID)])
        #expect(longPromptID.status == 400)

        let notAList = try await server.post("/queue", json: ["delete": "abc"])
        #expect(notAList.status == 400)
        #expect(notAList.json["error"]?["details"] == "delete")

        // After all that, the server still serves and the queue still holds its prompt.
        let queue = try await server.get("/queue").json
        #expect(queue["queue_running"]?.arrayValue?.first?.arrayValue?[1].stringValue == queued)
        #expect(try await server.get("/system_stats").status == 200)
    }

    @Test("a duplicate prompt_id is refused")
    func duplicateID() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let first = try await server.post("/prompt", json: ["prompt": Workflows.echo("a"), "prompt_id": "mine"])
        #expect(first.json["prompt_id"] == "mine")
        let second = try await server.post("/prompt", json: ["prompt": Workflows.echo("b"), "prompt_id": "mine"])
        #expect(second.status == 400)
        #expect(second.json["error"]?["type"] == "duplicate_prompt_id")
    }

    @Test("a client that stalls mid-request does not hold up others, and is cut off when idle")
    func slowClient() async throws {
        let server = try await TestServer.start { $0.idleTimeout = 1 }
        defer { Task { await server.stop() } }
        let stalled = try RawConnection(port: server.port)
        defer { stalled.close() }
        try stalled.send("POST /prompt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"prompt\":")
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try await server.get("/queue").status == 200)
        #expect(clock.now - started < .seconds(1))
        // The stalled connection is closed by the server once idle.
        #expect(try await stalled.waitForClose(timeout: .seconds(5)))
    }

    @Test("a request from another web origin to a loopback server is refused")
    func crossOrigin() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.post("/prompt", json: ["prompt": Workflows.echo("x")], headers: [("Origin", "http://evil.example")])
        #expect(reply.status == 403)
        let sameOrigin = try await server.get("/queue", headers: [("Origin", "http://127.0.0.1:\(server.port)")])
        #expect(sameOrigin.status == 200)
    }
}
