import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Auth tokens, user isolation and secrets", .serialized)
struct SecurityTests {
    @Test("with a token every route needs it (header, or ?token= on /ws and /view); the web UI does not")
    func authOn() async throws {
        let web = FileManager.default.temporaryDirectory.appending(path: "weft-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: web, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: web) }
        try Data("<html>weft</html>".utf8).write(to: web.appending(path: "index.html"))
        let server = try await TestServer.start {
            $0.authToken = "s3cret-token"
            $0.staticRoot = web
        }
        defer { Task { await server.stop() } }

        for path in ["/queue", "/api/object_info", "/history", "/metrics", "/view?filename=x.png", "/system_stats"] {
            let refused = try await server.get(path)
            #expect(refused.status == 401, "\(path)")
            #expect(refused.json["error"]?["type"] == "unauthorized")
        }
        #expect(try await server.get("/queue", headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(try await server.get("/queue?token=s3cret-token").status == 401)
        #expect(try await server.get("/queue", headers: [("Authorization", "Bearer s3cret-token")]).status == 200)
        #expect(try await server.get("/view?filename=none.png&token=s3cret-token").status == 404)
        let page = try await server.get("/")
        #expect(page.status == 200)
        #expect(page.text == "<html>weft</html>")

        await #expect(throws: (any Error).self) { _ = try await SocketRecorder.connect(to: server, query: "clientId=x") }
        let socket = try await SocketRecorder.connect(to: server, query: "clientId=x&token=s3cret-token")
        socket.close()
    }

    @Test("secrets in extra_data are never stored, shown or echoed")
    func secretsDropped() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let id = try await server.submit(
            Workflows.echo("x"),
            extra: [
                "extra_data": ["api_key_comfy_org": "sk-live-123", "auth_token_comfy_org": "tok-456", "extra_pnginfo": ["workflow": ["id": "w1"]]]
            ])
        let entry = try await server.waitForHistory(id)
        let text = entry.serialized() + (try await server.get("/api/jobs/\(id)").text) + (try await server.get("/queue").text)
        #expect(!text.contains("sk-live-123"))
        #expect(!text.contains("tok-456"))
        #expect(entry["prompt"]?.arrayValue?[3] == ["extra_pnginfo": ["workflow": ["id": "w1"]], "client_id": "tester"])
        await server.stop(removingData: false)
        let database = try Data(contentsOf: server.root.appending(path: "weft.sqlite"))
        #expect(database.range(of: Data("sk-live-123".utf8)) == nil)
        try? FileManager.default.removeItem(at: server.root)
    }

    @Test("with --multi-user each user sees only their own queue, history and files")
    func multiUser() async throws {
        let server = try await TestServer.start { $0.multiUser = true }
        defer { Task { await server.stop() } }
        let alice = [("Comfy-User", "alice")]
        let bob = [("Comfy-User", "bob")]
        let aliceID = try await server.submit(Workflows.saveText("alice's", prefix: "diary"), headers: alice)
        let bobID = try await server.submit(Workflows.echo("bob's"), headers: bob)
        _ = try await server.waitForHistory(aliceID, headers: alice)
        _ = try await server.waitForHistory(bobID, headers: bob)

        #expect(try await server.get("/history", headers: alice).json.objectValue?.keys.map { $0 } == [aliceID])
        #expect(try await server.get("/history", headers: bob).json.objectValue?.keys.map { $0 } == [bobID])
        #expect(try await server.get("/history/\(aliceID)", headers: bob).json == [:])
        #expect(try await server.get("/api/jobs/\(aliceID)", headers: bob).status == 404)
        #expect(FileManager.default.fileExists(atPath: server.root.appending(path: "output/alice/diary_00001_.txt").path))
        #expect(try await server.get("/view?filename=diary_00001_.txt", headers: alice).text == "alice's")
        #expect(try await server.get("/view?filename=diary_00001_.txt", headers: bob).status == 404)

        #expect(try await server.upload("face.png", bytes: [1, 2, 3], headers: bob).status == 200)
        #expect(FileManager.default.fileExists(atPath: server.root.appending(path: "input/bob/face.png").path))
        #expect(try await server.get("/view?filename=face.png&type=input", headers: alice).status == 404)
        #expect(try await server.get("/queue", headers: [("Comfy-User", "../root")]).status == 400)
    }
}
