import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// Family detection from keys and shapes, the overrides file, loading errors that name the file and key, and the
/// weak model cache.
@Suite struct CheckpointLoaderTests {
    /// A detection over `shapes` (key → shape).
    func detect(_ shapes: [String: [Int]]) -> CheckpointDetection {
        CheckpointDetection(names: Array(shapes.keys)) { shapes[$0] }
    }

    /// The keys that decide an SD1 detection, with a UNet context and CLIP width of `width`.
    func sd1Keys(width: Int, inChannels: Int = 4) -> [String: [Int]] {
        [
            "model.diffusion_model.input_blocks.0.0.weight": [320, inChannels, 3, 3],
            "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight": [320, width],
            "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight": [49408, width],
            "first_stage_model.decoder.conv_in.weight": [512, 4, 3, 3],
        ]
    }

    @Test func tinyCheckpointIsSD1() throws {
        let file = try fixtureFile("tiny-sd1")
        let detection = CheckpointDetection(names: file.names) { try? file.info($0).shape }
        #expect(detection.family == .sd1)
        #expect(detection.unsupportedReason == nil)
        #expect(detection.findings.contains("cross-attention context width 64"))
    }

    @Test func otherFamiliesAreNamed() {
        var sd2 = sd1Keys(width: 1024)
        sd2["cond_stage_model.model.token_embedding.weight"] = [49408, 1024]
        sd2["cond_stage_model.transformer.text_model.embeddings.token_embedding.weight"] = nil
        #expect(detect(sd2).family == .sd2)
        #expect(detect(sd2).unsupportedReason?.contains("SD2.x checkpoint") == true)
        var sdxl = sd1Keys(width: 2048)
        sdxl["conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight"] = [49408, 768]
        #expect(detect(sdxl).family == .sdxl)
        #expect(detect(["model.diffusion_model.double_blocks.0.img_attn.qkv.weight": [9216, 3072]]).family == .flux)
        #expect(detect(["model.diffusion_model.joint_blocks.0.x_block.attn.qkv.weight": [4608, 1536]]).family == .sd3)
        let unknown = detect(["linear.weight": [2, 2]])
        #expect(unknown.family == .unknown)
        #expect(unknown.unsupportedReason?.contains("no LDM UNet") == true)
        #expect(detect(sd1Keys(width: 768, inChannels: 9)).unsupportedReason?.contains("9 input channels") == true)
        #expect(detect(sd1Keys(width: 768)).unsupportedReason == nil)
    }

    @Test func overridesAreReadFromBesideTheCheckpoint() throws {
        let overrides = try ArchitectureOverrides.load(besideCheckpoint: fixturePath("tiny-sd1"))
        #expect(overrides == ArchitectureOverrides(unetHeads: 2, clipHeads: 2))
        let folder = FileManager.default.temporaryDirectory.appending(path: "weft-overrides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appending(path: "model.safetensors").path
        #expect(try ArchitectureOverrides.load(besideCheckpoint: checkpoint) == ArchitectureOverrides())
        try Data(#"{"unet_heads": 0}"#.utf8).write(to: folder.appending(path: "model.weft.json"))
        #expect { try ArchitectureOverrides.load(besideCheckpoint: checkpoint) } throws: { error in
            "\(error)".contains("unet_heads must be at least 1")
        }
    }

    @Test func truncatedAndForeignFilesGiveErrorsNamingThem() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "weft-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: URL(filePath: fixturePath("tiny-sd1")))
        let truncated = folder.appending(path: "truncated.safetensors")
        try original.prefix(original.count / 2).write(to: truncated)
        #expect { try CheckpointLoader.load(path: truncated.path) } throws: { error in
            "\(error)".contains("truncated.safetensors")
        }
        var writer = SafetensorsWriter()
        try writer.add("model.diffusion_model.double_blocks.0.img_attn.qkv.weight", values: [0, 0], shape: [2, 1])
        let flux = folder.appending(path: "flux.safetensors").path
        try writer.write(to: flux)
        #expect { try CheckpointLoader.load(path: flux) } throws: { error in
            "\(error)".contains("a Flux checkpoint")
        }
    }

    @Test func aMisShapedTensorIsNamed() throws {
        let file = try fixtureFile("tiny-sd1")
        var writer = SafetensorsWriter()
        for name in file.names {
            let info = try file.info(name)
            let broken = name == "model.diffusion_model.out.2.weight"
            try writer.add(
                name, values: broken ? [Float](repeating: 0, count: 4 * 32) : try file.floats(name), shape: broken ? [4, 32, 1, 1] : info.shape)
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "weft-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "broken.safetensors").path
        try writer.write(to: path)
        try Data(#"{"unet_heads": 2, "clip_heads": 2}"#.utf8).write(to: folder.appending(path: "broken.weft.json"))
        #expect { try CheckpointLoader.load(path: path, parts: .unet) } throws: { error in
            "\(error)".contains("out.2.weight")
        }
        #expect(try CheckpointLoader.load(path: path, parts: [.clip, .vae]).vae != nil)
    }

    /// VAELoader, CLIPLoader and UNETLoader read their part of a checkpoint file too (keys under the checkpoint's
    /// prefixes), and give the same results as the checkpoint loader's parts (exactly: the same weights).
    @Test func standaloneLoadersReadTheirPart() throws {
        let path = try fixturePath("tiny-sd1")
        let whole = try CheckpointLoader.load(path: path)
        let latent = try fixtureTensor("vae", "decode.in")
        let vae = try CheckpointLoader.loadVAE(path: path)
        #expect(try vae.component.decode(latent) == whole.vae?.component.decode(latent))
        let clip = try CheckpointLoader.loadCLIP(path: path)
        let prompt = "a red apple on a table"
        #expect(
            try clip.component.encode(prompt: prompt, clipSkip: -1).conditioning
                == whole.textEncoder?.component.encode(prompt: prompt, clipSkip: -1).conditioning)
        let unet = try CheckpointLoader.loadUNet(path: path)
        let x = try fixtureTensor("unet", "x")
        let context = try fixtureTensor("unet", "context")
        #expect(try unet.component.denoise(x, sigma: [1], context: context) == whole.denoiser?.component.denoise(x, sigma: [1], context: context))
        #expect(unet.source == "tiny-sd1.safetensors (unet)")
    }

    @Test func theSharedCacheForgetsModelsNobodyHolds() {
        let cache = SharedModelCache<SharedModel<Int>>()
        do {
            let model = SharedModel(7, source: "seven", byteCount: 8)
            cache.remember(model, for: "key")
            #expect(cache.alive("key") === model)
            #expect(cache.aliveCount == 1)
        }
        #expect(cache.alive("key") == nil)
        #expect(cache.aliveCount == 0)
    }
}
