public import WeftCore

/// `CheckpointLoaderSimple` ("Load Checkpoint"): a single-file SD1.x checkpoint from models/checkpoints as MODEL,
/// CLIP and VAE. Parts still alive from an earlier load of the same unchanged file are reused.
public struct CheckpointLoaderSimple: Node {
    private let directories: DataDirectories?
    private let cache: DiffusionModelCache

    /// The node listing the checkpoints in `directories` (nil: none listed) and sharing models through `cache`.
    public init(directories: DataDirectories?, cache: DiffusionModelCache) {
        self.directories = directories
        self.cache = cache
    }

    /// `ckpt_name`, a combo of the checkpoint files; outputs MODEL, CLIP, VAE.
    public var schema: NodeSchema {
        NodeSchema(
            className: "CheckpointLoaderSimple",
            displayName: "Load Checkpoint",
            category: "loaders",
            inputs: [ModelFiles.comboInput(named: "ckpt_name", kind: .checkpoints, directories: directories)],
            outputs: [OutputSpec("MODEL"), OutputSpec("CLIP"), OutputSpec("VAE")]
        )
    }

    /// Loads (or reuses) the three parts.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let (denoiser, textEncoder, vae) = try await ModelLoading.checkpoint(
            try inputs.string("ckpt_name"), input: "ckpt_name", cache: cache, context: context)
        return NodeOutput(.custom(ModelValue(denoiser)), .custom(CLIPValue(encoder: textEncoder)), .custom(VAEValue(vae)))
    }

    /// The file's identity (device, inode, size, modification time).
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try ModelLoading.fingerprint(try inputs.string("ckpt_name"), kind: .checkpoints, input: "ckpt_name", context: context)
    }
}
