import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftImage
import WeftNodes
import WeftTensor

@Suite struct SaveImageTests {
    let scratch = Scratch()

    /// The fixture's prompt and workflow, as ComfyUI wrote them.
    private func comfyMetadata() throws -> ComfyPNGMetadata {
        ComfyPNGMetadata(textChunks: try ImageDecoder.pngTextChunks(try ImageFixtures.bytes("comfyui_saved.png")))
    }

    private func save(
        _ images: Tensor, prefix: String = "ComfyUI", metadata: ComfyPNGMetadata? = nil, settings: ImageNodeSettings = ImageNodeSettings()
    ) async throws -> NodeOutput {
        var values: [String: [Value]] = ["images": [.image(images)], "filename_prefix": [.string(prefix)]]
        if let prompt = metadata?.prompt { values["prompt"] = [Value(prompt)] }
        if let extra = metadata?.extraPNGInfo { values["extra_pnginfo"] = [Value(.object(extra))] }
        return try await SaveImage(settings: settings).run(NodeInputs(lists: values), context: scratch.context("SaveImage"))
    }

    private func savedChunks(_ name: String, in folder: URL? = nil) throws -> [PNGTextChunk] {
        try ImageDecoder.pngTextChunks(Array(try Data(contentsOf: (folder ?? scratch.directories.output).appending(path: name))))
    }

    @Test func readsTheWorkflowComfyUIEmbeds() throws {
        let metadata = try comfyMetadata()
        #expect(metadata.prompt?["3"]?["class_type"] == "KSampler")
        #expect(metadata.prompt?["3"]?["inputs"]?["seed"] == .integer(18_446_744_073_709_551_615))
        #expect(metadata.prompt?["3"]?["inputs"]?["text"] == "a café – \"quoted\" 猫")
        #expect(metadata.workflow?["nodes"]?.arrayValue?.count == 1)
        #expect(Array(metadata.extraPNGInfo.keys) == ["workflow"])
    }

    @Test func writesTextChunksByteForByteAsComfyUI() async throws {
        let original = try ImageDecoder.pngTextChunks(try ImageFixtures.bytes("comfyui_saved.png"))
        let metadata = try comfyMetadata()
        #expect(metadata.textChunks == original)
        let output = try await save(byteExactImage([1, 3, 4, 3]), metadata: metadata)
        #expect(output.ui?["images"] == [["filename": "ComfyUI_00001_.png", "subfolder": "", "type": "output"]])
        #expect(try savedChunks("ComfyUI_00001_.png") == original)
    }

    @Test func pixelsRoundTripThroughLoadImage() async throws {
        let images = byteExactImage([2, 5, 7, 3])
        _ = try await save(images, prefix: "round/trip")
        for index in 0..<2 {
            let name = "trip_0000\(index + 1)_.png"
            try FileManager.default.createDirectory(at: scratch.directories.input, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: scratch.directories.output.appending(path: "round/\(name)"), to: scratch.directories.input.appending(path: name))
            let loaded = try await LoadImage().run(inputs(["image": .string(name)]), context: scratch.context())
            #expect(loaded.tensor(0)?.scalars == Array(images.scalars[(index * 105)..<((index + 1) * 105)]))
        }
    }

    @Test func savingTruncatesLikeNumPyAndClipsOutOfRangeValues() async throws {
        let values: [Float] = [0.5, 1.0 / 255, 0.999, -0.2, 1.7, .nan, .infinity, 0.00392, 0.2]
        _ = try await save(try Tensor(shape: [1, 1, 3, 3], values: values))
        let raster = try ImageDecoder.decode(Array(try Data(contentsOf: scratch.directories.output.appending(path: "ComfyUI_00001_.png"))))
        // 255 * 0.5 = 127.5 → 127; 255 * (1/255) = 1; 254.745 → 254; clipped to 0 and 255; NaN → 0; 0.9996 → 0; 51.0 → 51.
        #expect(raster.pixels == [127, 1, 254, 0, 255, 0, 255, 0, 51])
    }

    @Test func batchesCountUpAndFillBatchNumberAndSize() async throws {
        let output = try await save(byteExactImage([3, 2, 4, 3]), prefix: "shots/%width%x%height%_%batch_num%")
        #expect(
            output.ui?["images"] == [
                ["filename": "4x2_0_00001_.png", "subfolder": "shots", "type": "output"],
                ["filename": "4x2_1_00002_.png", "subfolder": "shots", "type": "output"],
                ["filename": "4x2_2_00003_.png", "subfolder": "shots", "type": "output"],
            ])
        let again = try await save(byteExactImage([1, 2, 4, 3]), prefix: "shots/%width%x%height%_%batch_num%")
        #expect(again.ui?["images"] == [["filename": "4x2_0_00004_.png", "subfolder": "shots", "type": "output"]])
    }

    @Test func metadataCanBeDisabled() async throws {
        _ = try await save(byteExactImage([1, 2, 2, 3]), metadata: try comfyMetadata(), settings: ImageNodeSettings(embedsMetadata: false))
        #expect(try savedChunks("ComfyUI_00001_.png").isEmpty)
    }

    @Test func previewGoesToTempWithARandomPrefix() async throws {
        let node = PreviewImageNode()
        let output = try await node.run(
            NodeInputs(lists: ["images": [.image(byteExactImage([2, 2, 2, 3]))], "prompt": [Value(["1": ["class_type": "X"]])]]),
            context: scratch.context("PreviewImage"))
        let entries = try #require(output.ui?["images"])
        #expect(entries.count == 2)
        let name = try #require(entries.first?["filename"]?.stringValue)
        #expect(name.wholeMatch(of: /ComfyUI_temp_[a-z]{5}_00001_\.png/) != nil)
        #expect(entries.first?["type"] == "temp")
        #expect(try savedChunks(name, in: scratch.directories.temp) == [PNGTextChunk(key: "prompt", value: #"{"1": {"class_type": "X"}}"#)])
    }

    @Test func badImagesAreRefusedWithTheInputNamed() async throws {
        await #expect(throws: ImageNodeError.badShape(input: "images", shape: [4, 4], expected: "[batch, height, width, channels]")) {
            _ = try await save(Tensor.zeros([4, 4]))
        }
        await #expect(throws: TensorError.self) { _ = try await save(Tensor.zeros([1, 0, 0, 3])) }
        await #expect(throws: TensorError.self) { _ = try await save(Tensor.zeros([1, 2, 2, 2])) }
        await #expect(throws: OutputPathError.outsideRoot(prefix: "../escape")) {
            _ = try await save(byteExactImage([1, 1, 1, 3]), prefix: "../escape")
        }
    }
}
