import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage
import WeftServer

@Suite("/view previews and channels, and mask uploads", .serialized)
struct ImageRouteTests {
    /// A 4×2 RGBA image whose alpha steps 0, 85, 170, 255 across each row.
    static func gradient() throws -> RasterImage {
        var pixels: [UInt8] = []
        for _ in 0..<2 {
            for x in 0..<4 { pixels += [200, 100, 50, UInt8(x * 85)] }
        }
        return try RasterImage(width: 4, height: 2, channels: 4, pixels: pixels)
    }

    @Test("preview re-encodes as WebP or JPEG at the asked quality; channel=rgb and a as ComfyUI")
    func previews() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let png = try ImageEncoder.png(try Self.gradient())
        #expect(try await server.upload("g.png", bytes: png).status == 200)

        let webp = try await server.get("/view?filename=g.png&type=input&preview=webp;50")
        #expect(webp.status == 200)
        #expect(webp.header("Content-Type") == "image/webp")
        #expect(ImageFormat.sniff(webp.body) == .webp)
        let decodedWebP = try ImageDecoder.decode(webp.body)
        #expect(decodedWebP.width == 4 && decodedWebP.height == 2)

        let jpeg = try await server.get("/view?filename=g.png&type=input&preview=jpeg")
        #expect(jpeg.header("Content-Type") == "image/jpeg")
        #expect(try ImageDecoder.decode(jpeg.body).channels == 3)

        let rgb = try ImageDecoder.decode(try await server.get("/view?filename=g.png&type=input&channel=rgb").body)
        #expect(rgb.channels == 3)
        #expect(Array(rgb.pixels.prefix(3)) == [200, 100, 50])
        let alpha = try ImageDecoder.decode(try await server.get("/view?filename=g.png&type=input&channel=a").body)
        #expect(alpha.channels == 4)
        #expect(Array(alpha.pixels.prefix(8)) == [0, 0, 0, 0, 0, 0, 0, 85])
        // Alpha in a preview forces WebP, the preview format that keeps it.
        #expect(try await server.get("/view?filename=g.png&type=input&preview=jpeg&channel=a").header("Content-Type") == "image/webp")

        #expect(try await server.get("/view?filename=g.png&type=input&preview=webp;500").status == 400)
        #expect(try await server.get("/view?filename=g.png&type=input&channel=cmyk").status == 400)
        #expect(try await server.upload("notes.txt", bytes: Array("plain".utf8)).status == 200)
        let notImage = try await server.get("/view?filename=notes.txt&type=input&preview=webp")
        #expect(notImage.status == 400)
        #expect(notImage.json["error"]?["type"] == "not_an_image")
    }

    @Test("a mask upload puts the mask's alpha into the original and keeps its workflow text")
    func maskUpload() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let opaque = try RasterImage(width: 4, height: 2, channels: 3, pixels: [UInt8](repeating: 9, count: 24))
        let original = try ImageEncoder.png(opaque, text: [PNGTextChunk(key: "workflow", value: #"{"nodes": []}"#)])
        #expect(try await server.upload("photo.png", bytes: original).status == 200)

        var form = Multipart()
        form.file("image", filename: "photo_mask.png", bytes: try ImageEncoder.png(try Self.gradient()))
        form.field("original_ref", #"{"filename": "photo.png [input]", "subfolder": ""}"#)
        let reply = try await server.send("POST", "/upload/mask", body: form.finished(), headers: [("Content-Type", form.contentType)])
        #expect(reply.status == 200)
        #expect(reply.json == ["name": "photo_mask.png", "subfolder": "", "type": "input"])

        let stored = try await server.get("/view?filename=photo_mask.png&type=input").body
        let merged = try ImageDecoder.decode(stored)
        #expect(merged.channels == 4)
        #expect(Array(merged.pixels.prefix(8)) == [9, 9, 9, 0, 9, 9, 9, 85])
        #expect(try ImageDecoder.pngTextChunks(stored) == [PNGTextChunk(key: "workflow", value: #"{"nodes": []}"#)])

        var wrongSize = Multipart()
        wrongSize.file(
            "image", filename: "m2.png", bytes: try ImageEncoder.png(try RasterImage(width: 1, height: 1, channels: 4, pixels: [0, 0, 0, 0])))
        wrongSize.field("original_ref", #"{"filename": "photo.png"}"#)
        let mismatch = try await server.send("POST", "/upload/mask", body: wrongSize.finished(), headers: [("Content-Type", wrongSize.contentType)])
        #expect(mismatch.status == 400)
        #expect(mismatch.json["error"]?["type"] == "mask_mismatch")

        var escaping = Multipart()
        escaping.file("image", filename: "m3.png", bytes: try ImageEncoder.png(try Self.gradient()))
        escaping.field("original_ref", #"{"filename": "weft.sqlite", "subfolder": ".."}"#)
        #expect(
            try await server.send("POST", "/upload/mask", body: escaping.finished(), headers: [("Content-Type", escaping.contentType)]).status == 403)
    }
}
