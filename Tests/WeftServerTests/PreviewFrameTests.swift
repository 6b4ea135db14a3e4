import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

/// A node that sends two PNG previews while it runs, standing in for a sampler.
private struct PreviewingNode: Node {
    static let image = PreviewImage(format: .png, bytes: [0x89, 0x50, 0x4E, 0x47, 1, 2, 3])

    let schema = NodeSchema(className: "TestPreviewing", inputs: [.string("tag")], outputs: [OutputSpec("STRING")])

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        context.sendPreview(Self.image)
        context.sendPreview(Self.image)
        return NodeOutput(.string(try inputs.string("tag")))
    }
}

@Suite("Binary preview frames", .serialized)
struct PreviewFrameTests {
    private func workflow(_ tag: String) -> JSONValue {
        [
            "1": ["class_type": "TestPreviewing", "inputs": ["tag": .string(tag)]],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
    }

    @Test("previews reach only clients that asked, as type 4 with metadata or type 1 without")
    func previews() async throws {
        let server = try await TestServer.start(extraNodes: [PreviewingNode()])
        defer { Task { await server.stop() } }
        let modern = try await SocketRecorder.connect(
            to: server, query: "clientId=modern", firstMessage: #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#)
        let legacy = try await SocketRecorder.connect(to: server, query: "clientId=legacy", firstMessage: #"{"type": "feature_flags", "data": {}}"#)
        let script = try await SocketRecorder.connect(to: server, query: "clientId=script")
        defer {
            for socket in [modern, legacy, script] { socket.close() }
        }
        try await modern.waitFor { $0["type"] == "feature_flags" }
        try await legacy.waitFor { $0["type"] == "feature_flags" }

        let modernID = try await server.submit(workflow("m"), clientID: "modern")
        let legacyID = try await server.submit(workflow("l"), clientID: "legacy")
        let scriptID = try await server.submit(workflow("s"), clientID: "script")
        try await modern.waitForDone(modernID)
        try await legacy.waitForDone(legacyID)
        try await script.waitForDone(scriptID)

        #expect(script.binaryFrames.isEmpty)
        #expect(
            legacy.binaryFrames == [[0, 0, 0, 1, 0, 0, 0, 2] + PreviewingNode.image.bytes, [0, 0, 0, 1, 0, 0, 0, 2] + PreviewingNode.image.bytes])
        let frame = try #require(modern.binaryFrames.first)
        #expect(modern.binaryFrames.count == 2)
        #expect(Array(frame.prefix(4)) == [0, 0, 0, 4])
        let length = Int(frame[4]) << 24 | Int(frame[5]) << 16 | Int(frame[6]) << 8 | Int(frame[7])
        let metadata = try JSONParser().parse(Array(frame[8..<(8 + length)]))
        #expect(
            metadata == [
                "node_id": "1", "prompt_id": .string(modernID), "display_node_id": "1", "parent_node_id": .null, "real_node_id": "1",
                "image_type": "image/png",
            ])
        #expect(Array(frame[(8 + length)...]) == PreviewingNode.image.bytes)
    }
}
