import WeftTensor

/// Loads Stable Diffusion models from single-file `.safetensors` checkpoints in the original LDM layout (weights in
/// F32, F16 or BF16, converted to Float32) and from standalone UNet, CLIP and VAE files. Every load reads the file
/// through one memory mapping, converts each tensor once, and drops the mapping when done.
public enum CheckpointLoader {
    /// Which parts of a checkpoint to build.
    public struct Parts: OptionSet, Sendable {
        /// The raw option bits.
        public let rawValue: Int
        /// A set of parts from its bits.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The UNet (MODEL).
        public static let unet = Parts(rawValue: 1)
        /// The text encoder (CLIP).
        public static let clip = Parts(rawValue: 2)
        /// The VAE.
        public static let vae = Parts(rawValue: 4)
        /// All three.
        public static let all: Parts = [.unet, .clip, .vae]
    }

    /// The models built from one checkpoint, each wrapped for sharing; a part not asked for is nil.
    public struct Loaded: Sendable {
        /// The UNet as a denoiser on SD1.x's noise schedule.
        public var denoiser: SharedModel<EpsilonDenoiser>?
        /// The CLIP text encoder with its tokenizer.
        public var textEncoder: SharedModel<CLIPTextEncoder>?
        /// The VAE.
        public var vae: SharedModel<AutoencoderKL>?
        /// What the checkpoint was found to be.
        public var detection: CheckpointDetection
    }

    /// The `parts` of the SD1.x checkpoint at `path`, with head counts from an `ArchitectureOverrides` file beside it
    /// when there is one.
    /// - Throws: `ModelWeightsError` when the file cannot be read (truncated, corrupt header), is not an SD1.x
    ///   checkpoint (naming what it is instead), or a tensor is missing or mis-shaped (naming its key).
    public static func load(path: String, parts: Parts = .all) throws -> Loaded {
        let file = try open(path)
        let detection = detection(of: file)
        if let reason = detection.unsupportedReason {
            throw ModelWeightsError(component: "checkpoint", key: "", message: "\(path) is \(reason)")
        }
        let overrides = try ArchitectureOverrides.load(besideCheckpoint: path)
        var loaded = Loaded(detection: detection)
        if parts.contains(.unet) {
            let weights = try ModelWeights.load(from: file, keyPrefix: CheckpointDetection.Prefix.unet, component: "unet")
            loaded.denoiser = shared(try denoiser(weights, overrides: overrides), weights: weights, path: path)
        }
        if parts.contains(.clip) {
            let weights = try ModelWeights.load(from: file, keyPrefix: CheckpointDetection.Prefix.clip, component: "clip")
            loaded.textEncoder = shared(try textEncoder(weights, overrides: overrides), weights: weights, path: path)
        }
        if parts.contains(.vae) {
            let weights = try ModelWeights.load(from: file, keyPrefix: CheckpointDetection.Prefix.vae, component: "vae")
            loaded.vae = shared(try AutoencoderKL(weights: weights), weights: weights, path: path)
        }
        return loaded
    }

    /// A standalone VAE file (as in models/vae), its keys bare or under `first_stage_model.`.
    /// - Throws: `ModelWeightsError` as `load(path:parts:)` does.
    public static func loadVAE(path: String) throws -> SharedModel<AutoencoderKL> {
        let file = try open(path)
        let weights = try weights(in: file, prefixes: [CheckpointDetection.Prefix.vae, ""], marker: "decoder.conv_in.weight", component: "vae")
        return shared(try AutoencoderKL(weights: weights), weights: weights, path: path)
    }

    /// A standalone UNet file (as in models/unet or models/diffusion_models), its keys bare or under
    /// `model.diffusion_model.`, with head counts from an overrides file beside it.
    /// - Throws: `ModelWeightsError` as `load(path:parts:)` does.
    public static func loadUNet(path: String) throws -> SharedModel<EpsilonDenoiser> {
        let file = try open(path)
        let weights = try weights(in: file, prefixes: [CheckpointDetection.Prefix.unet, ""], marker: "input_blocks.0.0.weight", component: "unet")
        return shared(try denoiser(weights, overrides: ArchitectureOverrides.load(besideCheckpoint: path)), weights: weights, path: path)
    }

    /// A standalone CLIP text-encoder file (as in models/clip or models/text_encoders): Hugging Face's layout
    /// (`text_model.`), or an SD1 checkpoint's (`cond_stage_model.transformer.text_model.`).
    /// - Throws: `ModelWeightsError` as `load(path:parts:)` does.
    public static func loadCLIP(path: String) throws -> SharedModel<CLIPTextEncoder> {
        let file = try open(path)
        let weights = try weights(
            in: file, prefixes: [CheckpointDetection.Prefix.clip, "text_model.", ""], marker: "embeddings.token_embedding.weight",
            component: "clip")
        return shared(try textEncoder(weights, overrides: ArchitectureOverrides.load(besideCheckpoint: path)), weights: weights, path: path)
    }

    /// `component`, built from `weights` of the file at `path`, wrapped for sharing.
    private static func shared<Component>(_ component: Component, weights: ModelWeights, path: String) -> SharedModel<Component> {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return SharedModel(component, source: "\(name) (\(weights.component))", byteCount: weights.parameterCount * MemoryLayout<Float>.size)
    }

    /// SD1.x's UNet (8 heads unless overridden) as a denoiser.
    private static func denoiser(_ weights: ModelWeights, overrides: ArchitectureOverrides) throws(ModelWeightsError) -> EpsilonDenoiser {
        EpsilonDenoiser(model: try UNetModel(weights: weights, attentionHeads: .count(overrides.unetHeads ?? 8)))
    }

    /// SD1.x's CLIP text encoder (width / 64 heads, CLIP ViT-L's, unless overridden) with the bundled tokenizer.
    private static func textEncoder(_ weights: ModelWeights, overrides: ArchitectureOverrides) throws -> CLIPTextEncoder {
        let width = weights.shape(of: "embeddings.token_embedding.weight")?.last ?? 0
        let heads = overrides.clipHeads ?? max(1, width / 64)
        let model = try CLIPTextModel(weights, config: CLIPTextConfig(heads: heads))
        return CLIPTextEncoder(model: model, tokenizer: try CLIPTokenizer())
    }

    /// The weights under the first of `prefixes` for which `marker` exists.
    private static func weights(in file: SafetensorsFile, prefixes: [String], marker: String, component: String)
        throws(ModelWeightsError) -> ModelWeights
    {
        guard let prefix = prefixes.first(where: { prefix in file.names.contains(prefix + marker) }) else {
            throw ModelWeightsError(
                component: component, key: marker,
                message: "\(file.path) has no \(component) weights (looked for \(prefixes.map { "'\($0)\(marker)'" }.joined(separator: ", ")))")
        }
        return try ModelWeights.load(from: file, keyPrefix: prefix, component: component)
    }

    /// The detection of an opened file.
    private static func detection(of file: SafetensorsFile) -> CheckpointDetection {
        CheckpointDetection(names: file.names) { name in try? file.info(name).shape }
    }

    /// Opens `path` as safetensors, mapping read errors to `ModelWeightsError`.
    private static func open(_ path: String) throws(ModelWeightsError) -> SafetensorsFile {
        do {
            return try SafetensorsFile(path: path)
        } catch {
            throw ModelWeightsError(component: "checkpoint", key: "", message: "cannot read \(path): \(error)")
        }
    }
}
