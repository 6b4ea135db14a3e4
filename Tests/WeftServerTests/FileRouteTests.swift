import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftServer

@Suite("Uploads, /view and path safety", .serialized)
struct FileRouteTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("not really an image".utf8)

    @Test("upload, ComfyUI's collision rule, then /view returns the same bytes with an image type")
    func uploadAndView() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let first = try await server.upload("cat.png", bytes: Self.png, subfolder: "pets")
        #expect(first.status == 200)
        #expect(first.json == ["name": "cat.png", "subfolder": "pets", "type": "input"])
        #expect(try await server.upload("cat.png", bytes: Self.png, subfolder: "pets").json["name"] == "cat.png")
        #expect(try await server.upload("cat.png", bytes: Self.png + [1], subfolder: "pets").json["name"] == "cat (1).png")
        #expect(try await server.upload("cat.png", bytes: Self.png + [2], subfolder: "pets", overwrite: true).json["name"] == "cat.png")

        let view = try await server.get("/view?filename=cat.png&subfolder=pets&type=input")
        #expect(view.status == 200)
        #expect(view.body == Self.png + [2])
        #expect(view.header("Content-Type") == "image/png")
        #expect(view.header("Content-Disposition") == "filename=\"cat.png\"")
        // ComfyUI's LoadImage values carry the folder as an annotation.
        #expect(try await server.get("/view?filename=cat%20(1).png%20%5Binput%5D&subfolder=pets").body == Self.png + [1])
        #expect(try await server.get("/view?filename=missing.png&type=input").status == 404)
        #expect(try await server.get("/view?filename=cat.png&type=models").status == 400)
    }

    @Test("upload, use the returned name in a prompt, then fetch the result the history lists through /view")
    func uploadUseView() async throws {
        let server = try await TestServer.start(extraNodes: [InputCopyNode()])
        defer { Task { await server.stop() } }
        let stored = try await server.upload("selfie.png", bytes: Self.png, subfolder: "faces").json
        let name = try #require(stored["name"]?.stringValue)
        let workflow: JSONValue = [
            "1": ["class_type": "TestInputCopy", "inputs": ["filename": .string(name), "subfolder": stored["subfolder"] ?? ""]]
        ]
        let id = try await server.submit(workflow)
        let entry = try await server.waitForHistory(id)
        let image = try #require(entry["outputs"]?["1"]?["images"]?.arrayValue?.first)
        #expect(image == ["filename": "copy_00001_.png", "subfolder": "", "type": "output"])
        let filename = try #require(image["filename"]?.stringValue)
        let view = try await server.get("/view?filename=\(filename)&subfolder=&type=output")
        #expect(view.status == 200)
        #expect(view.body == Self.png)
        #expect(view.header("Content-Type") == "image/png")
    }

    @Test("uploads need multipart with an image part")
    func badUploads() async throws {
        let server = try await TestServer.start { $0.maxUploadBytes = 1024 }
        defer { Task { await server.stop() } }
        let notMultipart = try await server.post("/upload/image", json: ["image": "x"])
        #expect(notMultipart.status == 415)
        var form = Multipart()
        form.field("subfolder", "x")
        let noFile = try await server.send("POST", "/upload/image", body: form.finished(), headers: [("Content-Type", form.contentType)])
        #expect(noFile.status == 400)
        #expect(noFile.json["error"]?["details"] == "image")
        let tooBig = try await server.upload("big.png", bytes: [UInt8](repeating: 7, count: 4096))
        #expect(tooBig.status == 413)
        #expect(try await server.upload("x.png", bytes: Self.png, type: "models").status == 400)
    }

    static let hostileViews: [String] = [
        "/view?filename=../weft.sqlite&type=output",
        "/view?filename=weft.sqlite&subfolder=..&type=output",
        "/view?filename=weft.sqlite&subfolder=../&type=input",
        "/view?filename=%2e%2e%2fweft.sqlite",
        "/view?filename=weft.sqlite&subfolder=%252e%252e",
        "/view?filename=/etc/passwd",
        "/view?filename=passwd&subfolder=/etc",
        "/view?filename=weft.sqlite&subfolder=%EF%BC%8E%EF%BC%8E",
        "/view?filename=weft.sqlite&subfolder=a/../..",
        "/view?filename=..%5Cweft.sqlite",
        "/view?filename=secret.txt&subfolder=escape",
        "/view?filename=weft.sqlite%00.png",
    ]

    @Test("no /view request reaches outside its folder", arguments: hostileViews)
    func traversal(path: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let outside = FileManager.default.temporaryDirectory.appending(path: "weft-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("top secret".utf8).write(to: outside.appending(path: "secret.txt"))
        try FileManager.default.createSymbolicLink(at: server.root.appending(path: "output/escape"), withDestinationURL: outside)

        let reply = try await server.get(path)
        #expect((400..<500).contains(reply.status), "status \(reply.status) for \(path)")
        #expect(reply.json["error"] != nil)
        #expect(!reply.text.contains("top secret"))
        #expect(!reply.text.contains("SQLite format"))
        #expect(try await server.get("/system_stats").status == 200)
    }

    @Test("uploads cannot escape either")
    func uploadTraversal() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.upload("x.png", bytes: Self.png, subfolder: "../../etc").status == 403)
        #expect(try await server.upload("../x.png", bytes: Self.png).status == 403)
        #expect(!FileManager.default.fileExists(atPath: server.root.appending(path: "x.png").path))
    }
}
