public import WeftCore
import WeftDiffusion

/// `CLIPLoader` ("Load CLIP"): a standalone CLIP text encoder from models/text_encoders (or models/clip), for
/// `stable_diffusion` (SD1.x) — the only type Weft runs so far.
public struct CLIPLoader: Node {
    private let directories: DataDirectories?
    private let cache: DiffusionModelCache

    /// The node listing the text encoders in `directories` and sharing models through `cache`.
    public init(directories: DataDirectories?, cache: DiffusionModelCache) {
        self.directories = directories
        self.cache = cache
    }

    /// `clip_name`, `type`; outputs CLIP.
    public var schema: NodeSchema {
        NodeSchema(
            className: "CLIPLoader",
            displayName: "Load CLIP",
            category: "advanced/loaders",
            inputs: [
                ModelFiles.comboInput(named: "clip_name", kind: .textEncoders, directories: directories),
                .combo("type", ["stable_diffusion"]),
            ],
            outputs: [OutputSpec("CLIP")]
        )
    }

    /// Loads (or reuses) the encoder.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let encoder = try await ModelLoading.component(
            try inputs.string("clip_name"), kind: .textEncoders, input: "clip_name", cache: cache.textEncoders, context: context,
            loader: CheckpointLoader.loadCLIP(path:))
        return NodeOutput(.custom(CLIPValue(encoder: encoder)))
    }

    /// The file's identity.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try ModelLoading.fingerprint(try inputs.string("clip_name"), kind: .textEncoders, input: "clip_name", context: context)
    }
}
