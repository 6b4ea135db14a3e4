import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage
import WeftServer

/// The image nodes over HTTP: an upload loaded by LoadImage, saved by SaveImage with the client's workflow embedded,
/// fetched back through /view.
@Suite("Image nodes through the server", .serialized)
struct ImageNodeServerTests {
    /// A 4 × 2 RGBA image with every sample different.
    static func upload() throws -> RasterImage {
        try RasterImage(width: 4, height: 2, channels: 4, pixels: (0..<32).map { UInt8(($0 * 29 + 3) % 256) })
    }

    @Test("upload, LoadImage, ImageInvert, SaveImage with the workflow embedded, then /view")
    func uploadInvertSaveView() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let original = try Self.upload()
        let stored = try await server.upload("face.png", bytes: try ImageEncoder.png(original), subfolder: "people").json
        #expect(stored["name"] == "face.png")

        let prompt: JSONValue = [
            "1": ["class_type": "LoadImage", "inputs": ["image": "people/face.png [input]"]],
            "2": ["class_type": "ImageInvert", "inputs": ["image": ["1", 0]]],
            "3": ["class_type": "SaveImage", "inputs": ["images": ["2", 0], "filename_prefix": "inverted/face"]],
        ]
        let workflow: JSONValue = ["last_node_id": 3, "nodes": [["id": 1, "type": "LoadImage"]], "version": 0.4]
        let id = try await server.submit(prompt, extra: ["extra_data": ["extra_pnginfo": ["workflow": workflow]]])
        let entry = try await server.waitForHistory(id)
        #expect(entry["status"]?["status_str"] == "success")
        let saved = try #require(entry["outputs"]?["3"]?["images"]?.arrayValue?.first)
        #expect(saved == ["filename": "face_00001_.png", "subfolder": "inverted", "type": "output"])

        let view = try await server.get("/view?filename=face_00001_.png&subfolder=inverted&type=output")
        #expect(view.status == 200)
        let result = try ImageDecoder.decode(view.body)
        #expect(result.width == 4 && result.height == 2 && result.channels == 3)
        // Alpha is dropped on load; each sample is saved as trunc(255 × (1 − byte / 255)) in float32, as ComfyUI does.
        let expected = original.rgb().pixels.map { (byte: UInt8) -> UInt8 in
            UInt8((255 * (1 - Float(byte) / 255)).rounded(.towardZero))
        }
        #expect(result.pixels == expected)

        let metadata = try ImageDecoder.pngTextChunks(view.body)
        #expect(metadata.map(\.key) == ["prompt", "workflow"])
        #expect(metadata.last?.value == workflow.serialized(style: .python))
        #expect(try JSONParser().parse(metadata[0].value)["1"]?["inputs"]?["image"] == "people/face.png [input]")
    }

    @Test("a missing or hostile image name is a validation error naming the input; the server keeps serving")
    func missingImageIsRefused() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        for name in ["nobody.png", "../weft.sqlite"] {
            let reply = try await server.post(
                "/prompt",
                json: [
                    "prompt": [
                        "1": ["class_type": "LoadImage", "inputs": ["image": .string(name)]],
                        "2": ["class_type": "PreviewImage", "inputs": ["images": ["1", 0]]],
                    ]
                ])
            #expect(reply.status == 400)
            let error = try #require(reply.json["node_errors"]?["1"]?["errors"]?.arrayValue?.first)
            #expect(error["type"] == "custom_validation_failed")
            #expect(error["details"]?.stringValue?.hasPrefix("image - Invalid image file: \(name)") == true)
        }
        let info = try await server.get("/object_info/LoadImage")
        let imageInput = info.json["LoadImage"]?["input"]?["required"]?["image"]?.arrayValue
        #expect(imageInput?.last?["image_upload"] == true)
    }
}
