import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The parts of the tiny reference model's manifest that describe its architecture and tensors.
private struct TinyManifest: Decodable {
    struct Checkpoint: Decodable {
        struct UNetConfig: Decodable {
            let inChannels, outChannels, modelChannels, contextWidth, middleTransformerDepth: Int
            let channelMultipliers, resBlocks, transformerDepths: [Int]
            let linearProjection: Bool

            enum CodingKeys: String, CodingKey {
                case inChannels = "in_channels", outChannels = "out_channels", modelChannels = "model_channels"
                case contextWidth = "context_dim", middleTransformerDepth = "transformer_depth_middle"
                case channelMultipliers = "channel_mult", resBlocks = "num_res_blocks", transformerDepths = "transformer_depth"
                case linearProjection = "use_linear_in_transformer"
            }
        }
        struct CLIPConfig: Decodable {
            let width, layers, mlpWidth, vocabularySize, positionCount: Int

            enum CodingKeys: String, CodingKey {
                case width = "hidden_size", layers = "num_hidden_layers", mlpWidth = "intermediate_size"
                case vocabularySize = "vocab_size", positionCount = "max_position_embeddings"
            }
        }
        struct VAEConfig: Decodable {
            let baseChannels, resBlocks, latentChannels, imageChannels: Int
            let channelMultipliers: [Int]

            enum CodingKeys: String, CodingKey {
                case baseChannels = "ch", resBlocks = "num_res_blocks", latentChannels = "z_channels"
                case imageChannels = "in_channels", channelMultipliers = "ch_mult"
            }
        }
        let keys: [String: [Int]]
        let parameterCount: Int
        let unet: UNetConfig
        let clip: CLIPConfig
        let vae: VAEConfig
        let vaeEmbeddingChannels: Int

        enum CodingKeys: String, CodingKey {
            case keys, parameterCount = "num_params", unet = "unet_config", clip = "clip_config", vae = "vae_ddconfig"
            case vaeEmbeddingChannels = "vae_embed_dim"
        }
    }
    let checkpoint: Checkpoint

    /// The manifest bundled with the fixtures.
    static func load() throws -> TinyManifest {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/manifest", withExtension: "json"))
        return try JSONDecoder().decode(TinyManifest.self, from: Data(contentsOf: url))
    }

    /// The tiny model's layout, built from the manifest's configuration (not from the key list it is checked against).
    func layout() throws -> SD1CheckpointLayout {
        let unet = checkpoint.unet
        let resBlocks = try #require(unet.resBlocks.first)
        #expect(unet.resBlocks.allSatisfy { $0 == resBlocks }, "the layout assumes one residual block count per level")
        let clip = checkpoint.clip
        let vae = checkpoint.vae
        return SD1CheckpointLayout(
            unet: SD1UNetLayout(
                inChannels: unet.inChannels, outChannels: unet.outChannels, modelChannels: unet.modelChannels,
                channelMultipliers: unet.channelMultipliers, resBlocksPerLevel: resBlocks, transformerDepths: unet.transformerDepths,
                middleTransformerDepth: unet.middleTransformerDepth, contextWidth: unet.contextWidth,
                linearProjection: unet.linearProjection),
            textEncoder: SD1TextEncoderLayout(
                width: clip.width, layers: clip.layers, mlpWidth: clip.mlpWidth, vocabularySize: clip.vocabularySize,
                positionCount: clip.positionCount),
            autoencoder: SD1AutoencoderLayout(
                baseChannels: vae.baseChannels, channelMultipliers: vae.channelMultipliers, resBlocksPerLevel: vae.resBlocks,
                latentChannels: vae.latentChannels, embeddingChannels: checkpoint.vaeEmbeddingChannels,
                imageChannels: vae.imageChannels))
    }
}

/// `SD1CheckpointLayout` lists exactly the tensors of an SD1.x checkpoint: checked key for key and shape for shape
/// against the tiny reference checkpoint, and by parameter count against SD1.5.
@Suite struct SD1CheckpointLayoutTests {
    /// Every key and shape equals the manifest's list for the tiny model (all 540 tensors), with no duplicates.
    @Test func tinyLayoutListsTheManifestTensors() throws {
        let manifest = try TinyManifest.load()
        let specs = try manifest.layout().tensors()
        let listed = Dictionary(specs.map { ($0.key, $0.shape) }, uniquingKeysWith: { first, _ in first })
        #expect(specs.count == 540)
        #expect(listed.count == specs.count, "duplicate keys in the layout")
        #expect(listed == manifest.checkpoint.keys)
        #expect(specs.parameterCount == manifest.checkpoint.parameterCount)
        for key in Set(listed.keys).symmetricDifference(manifest.checkpoint.keys.keys).sorted() {
            Issue.record("key in only one of layout and manifest: \(key)")
        }
    }

    /// The tiny checkpoint file itself has the same names and shapes (and so does ComfyUI's loader input).
    @Test func tinyLayoutListsTheCheckpointFileTensors() throws {
        let file = try fixtureFile("tiny-sd1")
        let specs = try TinyManifest.load().layout().tensors()
        #expect(Set(specs.map(\.key)) == Set(file.names))
        for spec in specs where file.names.contains(spec.key) {
            #expect(try file.info(spec.key).shape == spec.shape, "\(spec.key)")
        }
    }

    /// SD1.5 has 1,066,235,307 parameters: UNet 859,520,964, text encoder 123,060,480 and VAE 83,653,863 (the counts
    /// of the published v1-5 weights), with 686 + 196 + 248 tensors.
    @Test func sd15ParameterCounts() {
        let layout = SD1CheckpointLayout.sd15
        #expect(layout.unet.tensors().parameterCount == 859_520_964)
        #expect(layout.textEncoder.tensors().parameterCount == 123_060_480)
        #expect(layout.autoencoder.tensors().parameterCount == 83_653_863)
        #expect(layout.tensors().parameterCount == 1_066_235_307)
        #expect(layout.unet.tensors().count == 686)
        #expect(layout.textEncoder.tensors().count == 196)
        #expect(layout.autoencoder.tensors().count == 248)
    }

    /// Each component's tensors come sorted by key, UNet first, then text encoder, then VAE.
    @Test func tensorsAreGroupedByComponentAndSortedByKey() {
        let keys = SD1CheckpointLayout.sd15.tensors().map(\.key)
        let prefixes = [CheckpointDetection.Prefix.unet, CheckpointDetection.Prefix.clip, CheckpointDetection.Prefix.vae]
        let groups = prefixes.map { prefix in keys.filter { $0.hasPrefix(prefix) } }
        #expect(groups.flatMap(\.self) == keys)
        for group in groups { #expect(group == group.sorted()) }
    }

    /// A synthetic checkpoint of the tiny layout holds every tensor as F16 with the layout's shape, is recognised as a
    /// runnable SD1.x checkpoint, is the same byte for byte for the same seed and different for another, and has
    /// values drawn at the promised scales: norm scales within 1 ± 0.1, kernels within ±√(3/fan-in), token embeddings
    /// with standard deviation 0.02 ± 5 %.
    @Test func syntheticCheckpointRoundTrip() throws {
        let layout = try TinyManifest.load().layout()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sd1-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = ["a", "b", "c"].map { directory.appendingPathComponent("\($0).safetensors").path }
        try layout.writeSyntheticCheckpoint(to: paths[0], seed: 7)
        try layout.writeSyntheticCheckpoint(to: paths[1], seed: 7)
        try layout.writeSyntheticCheckpoint(to: paths[2], seed: 8)

        let file = try SafetensorsFile(path: paths[0])
        let specs = layout.tensors()
        #expect(file.names == specs.map(\.key))
        for spec in specs {
            let info = try file.info(spec.key)
            #expect(info.dtype == .f16 && info.shape == spec.shape, "\(spec.key)")
        }
        let detection = CheckpointDetection(names: file.names, shape: { try? file.info($0).shape })
        #expect(detection.family == .sd1 && detection.unsupportedReason == nil)
        let contents = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(contents[0] == contents[1])
        #expect(contents[0] != contents[2])

        let norm = try file.floats("model.diffusion_model.out.0.weight")
        #expect(norm.allSatisfy { abs($0 - 1) <= 0.1 + 1e-3 })
        let kernelKey = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight"
        let kernel = try file.floats(kernelKey)
        let bound = (3 / Float(try file.info(kernelKey).shape.dropFirst().reduce(1, *))).squareRoot()
        #expect(kernel.allSatisfy { abs($0) <= bound * 1.001 })
        #expect(kernel.contains { abs($0) > bound * 0.9 })
        let embedding = try file.floats("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight")
        let variance = embedding.reduce(0) { $0 + Double($1) * Double($1) } / Double(embedding.count)
        #expect(abs(variance.squareRoot() - 0.02) < 0.001)
    }
}
