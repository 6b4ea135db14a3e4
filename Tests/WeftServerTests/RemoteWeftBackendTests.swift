import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage

/// One Weft hands work to another: RemoteTextToImage with the `comfyui` provider submits a workflow to a second,
/// real Weft server, follows it over `/ws`, and fetches its images from `/view`.
@Suite struct RemoteWeftBackendTests {
    /// The backend's workflow: an EmptyImage of the requested size, count and colour (the seed), saved.
    private let template = #"""
        {"1": {"class_type": "EmptyImage", "inputs": {"width": "{{width}}", "height": "{{height}}", "batch_size": "{{count}}", "color": "{{seed}}"}},
         "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "remote"}}}
        """#

    @Test func aSecondWeftServesAsTheComfyUIBackend() async throws {
        let backend = try await TestServer.start()
        let front = try await TestServer.start()
        do {
            let workflow: JSONValue = [
                "1": [
                    "class_type": "RemoteTextToImage",
                    "inputs": [
                        "prompt": "a green field", "negative_prompt": "", "provider": "comfyui", "model": "", "base_url": .string(backend.baseURL),
                        "api_key_name": "", "width": 24, "height": 16, "seed": 65280, "count": 2, "workflow": .string(template),
                        "timeout_seconds": 30, "non_deterministic": false,
                    ],
                ],
                "2": ["class_type": "SaveImage", "inputs": ["images": ["1", 0], "filename_prefix": "front"]],
                "3": ["class_type": "PreviewAny", "inputs": ["source": ["1", 1]]],
            ]
            let id = try await front.submit(workflow)
            let entry = try await front.waitForHistory(id, timeout: .seconds(30))
            #expect(entry["status"]?["status_str"] == "success", "\(entry["status"] ?? .null)")
            let urls = entry["outputs"]?["3"]?["text"]?.arrayValue?.first?.stringValue ?? ""
            #expect(
                urls.components(separatedBy: "\n")
                    == ["remote_00001_.png", "remote_00002_.png"].map { "\(backend.baseURL)/view?filename=\($0)&subfolder=&type=output" })
            let saved = try #require(entry["outputs"]?["2"]?["images"]?.arrayValue)
            #expect(saved.count == 2)
            let file = front.root.appending(path: "output/front_00001_.png")
            let image = try ImageDecoder.decode(Array(try Data(contentsOf: file)))
            #expect(image.width == 24 && image.height == 16)
            #expect(Array(image.pixels.prefix(3)) == [0, 255, 0], "the backend painted the seed's colour")
            let backendHistory = try await backend.get("/history")
            #expect(backendHistory.json.objectValue?.count == 1, "the backend ran one prompt")
        } catch {
            await front.stop()
            await backend.stop()
            throw error
        }
        await front.stop()
        await backend.stop()
    }
}
