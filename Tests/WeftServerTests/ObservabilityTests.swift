import Foundation
import HTTPTypes
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Webhooks and metrics", .serialized)
struct ObservabilityTests {
    @Test("a finished prompt is POSTed to its webhook, retried after a 500 until it is taken")
    func webhookRetries() async throws {
        let receiver = WebhookReceiver(answering: [.internalServerError, .serviceUnavailable])
        try await receiver.start()
        defer { receiver.stop() }
        let server = try await TestServer.start { $0.webhookInitialBackoff = 0.05 }
        defer { Task { await server.stop() } }
        let id = try await server.submit(Workflows.echo("hooked"), extra: ["extra_data": ["webhook": .string(receiver.url)]])
        let deliveries = try await receiver.waitForDeliveries(3)
        #expect(deliveries.count == 3)
        let summary = try #require(deliveries.last)
        #expect(summary["event"] == "prompt.finished")
        #expect(summary["prompt_id"] == .string(id))
        #expect(summary["status"] == "completed")
        #expect(summary["outputs"] == ["2": ["text": ["hooked"]]])
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.received.count == 3)
    }

    @Test("the server-wide webhook reports failures with their error")
    func webhookOnFailure() async throws {
        let receiver = WebhookReceiver(answering: [])
        try await receiver.start()
        defer { receiver.stop() }
        let server = try await TestServer.start { $0.webhookURL = receiver.url }
        defer { Task { await server.stop() } }
        let id = try await server.submit(Workflows.failing)
        let summary = try #require(try await receiver.waitForDeliveries(1).first)
        #expect(summary["prompt_id"] == .string(id))
        #expect(summary["status"] == "failed")
        #expect(summary["error"]?["node_type"] == "IntMath")
    }

    @Test("/metrics reports prompts by outcome, node time by class and queue depth in Prometheus text")
    func metrics() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        _ = try await server.waitForHistory(try await server.submit(Workflows.echo("m1")))
        _ = try await server.waitForHistory(try await server.submit(Workflows.failing))
        let reply = try await server.get("/metrics")
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
        let lines = Set(reply.text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"weft_prompts_total{outcome="completed"} 1"#))
        #expect(lines.contains(#"weft_prompts_total{outcome="failed"} 1"#))
        #expect(lines.contains("weft_prompts_accepted_total 2"))
        #expect(lines.contains("weft_queue_depth 0.0"))
        #expect(lines.contains(#"weft_node_duration_seconds_count{class="PreviewAny"} 1"#))
        #expect(lines.contains(#"weft_node_duration_seconds_count{class="PrimitiveString"} 1"#))
    }

    @Test("information routes: object_info, models, embeddings, system_stats")
    func informationRoutes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let checkpoints = server.root.appending(path: "models/checkpoints/sd15")
        try FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
        try Data([1]).write(to: checkpoints.appending(path: "v1-5.safetensors"))
        try Data([1]).write(to: checkpoints.appending(path: "notes.txt"))

        let all = try await server.get("/object_info").json
        #expect(all["Delay"]?["input"]?["required"]?["seconds"]?.arrayValue?.first == "FLOAT")
        #expect(try await server.get("/object_info/IntMath").json.objectValue?.keys.map { $0 } == ["IntMath"])
        #expect(try await server.get("/object_info/Nope").json == [:])
        #expect(try await server.get("/models/checkpoints").json == ["sd15/v1-5.safetensors"])
        #expect(try await server.get("/models").json.arrayValue?.contains("checkpoints") == true)
        #expect(try await server.get("/models/nope").status == 404)
        #expect(try await server.get("/embeddings").json == [])
        #expect(try await server.get("/extensions").json == [])
        let stats = try await server.get("/system_stats").json
        #expect((stats["system"]?["ram_total"]).map { if case .integer(let bytes) = $0 { bytes > 0 } else { false } } == true)
        #expect(stats["devices"]?.arrayValue?.first?["type"] == "cpu")
    }
}
