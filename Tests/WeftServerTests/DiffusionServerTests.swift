import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage

/// Workflows/sd15-txt2img.json over HTTP with the tiny test checkpoint installed under the name the workflow uses
/// (64 × 64, 2 steps, so it runs in a moment), and a checkpoint name that is not there.
@Suite("Stable Diffusion through the server", .serialized)
struct DiffusionServerTests {
    /// The repository root, found from this file.
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Puts the tiny checkpoint and its overrides into `root`/models/checkpoints as the workflow's checkpoint.
    static func installCheckpoint(in root: URL) throws {
        let fixtures = repository.appending(path: "Tests/WeftDiffusionTests/Fixtures")
        let folder = root.appending(path: "models/checkpoints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixtures.appending(path: "tiny-sd1.safetensors"), to: folder.appending(path: "v1-5-pruned-emaonly.safetensors"))
        try FileManager.default.copyItem(
            at: fixtures.appending(path: "tiny-sd1.weft.json"), to: folder.appending(path: "v1-5-pruned-emaonly.weft.json"))
    }

    /// The example workflow with `changes` (node → input → value) applied.
    static func workflow(_ changes: [String: [String: JSONValue]]) throws -> JSONValue {
        let text = try String(contentsOf: repository.appending(path: "Workflows/sd15-txt2img.json"), encoding: .utf8)
        var nodes = try #require(try JSONParser().parse(text).objectValue)
        for (node, inputs) in changes {
            guard case .object(var entry)? = nodes[node], case .object(var values)? = entry["inputs"] else { continue }
            for (name, value) in inputs { values[name] = value }
            entry["inputs"] = .object(values)
            nodes[node] = .object(entry)
        }
        return .object(nodes)
    }

    @Test("the txt2img example runs over HTTP and its image is served by /view")
    func textToImageOverHTTP() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        try Self.installCheckpoint(in: server.root)
        let prompt = try Self.workflow(["5": ["width": 64, "height": 64], "3": ["steps": 2]])
        let id = try await server.submit(prompt)
        let entry = try await server.waitForHistory(id, timeout: .seconds(120))
        #expect(entry["status"]?["status_str"] == "success")
        let saved = try #require(entry["outputs"]?["9"]?["images"]?.arrayValue?.first)
        #expect(saved == ["filename": "txt2img_00001_.png", "subfolder": "sd15", "type": "output"])
        let view = try await server.get("/view?filename=txt2img_00001_.png&subfolder=sd15&type=output")
        #expect(view.status == 200)
        let image = try ImageDecoder.decode(view.body)
        #expect(image.width == 64 && image.height == 64)
    }

    @Test("a checkpoint that is not in models/checkpoints is a validation error naming ckpt_name; the server keeps serving")
    func missingCheckpointIsRefused() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        try Self.installCheckpoint(in: server.root)
        let reply = try await server.post("/prompt", json: ["prompt": try Self.workflow(["4": ["ckpt_name": "nope.safetensors"]])])
        #expect(reply.status == 400)
        #expect(reply.text.contains("ckpt_name"))
        #expect(reply.text.contains("nope.safetensors"))
        #expect(try await server.get("/queue").status == 200)
    }
}
