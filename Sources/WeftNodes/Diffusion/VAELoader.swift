public import WeftCore
import WeftDiffusion

/// `VAELoader` ("Load VAE"): a standalone VAE from models/vae (keys bare or under `first_stage_model.`).
public struct VAELoader: Node {
    private let directories: DataDirectories?
    private let cache: DiffusionModelCache

    /// The node listing the VAEs in `directories` and sharing models through `cache`.
    public init(directories: DataDirectories?, cache: DiffusionModelCache) {
        self.directories = directories
        self.cache = cache
    }

    /// `vae_name`; outputs VAE.
    public var schema: NodeSchema {
        NodeSchema(
            className: "VAELoader",
            displayName: "Load VAE",
            category: "loaders",
            inputs: [ModelFiles.comboInput(named: "vae_name", kind: .vae, directories: directories)],
            outputs: [OutputSpec("VAE")]
        )
    }

    /// Loads (or reuses) the VAE.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let vae = try await ModelLoading.component(
            try inputs.string("vae_name"), kind: .vae, input: "vae_name", cache: cache.vaes, context: context,
            loader: CheckpointLoader.loadVAE(path:))
        return NodeOutput(.custom(VAEValue(vae)))
    }

    /// The file's identity.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try ModelLoading.fingerprint(try inputs.string("vae_name"), kind: .vae, input: "vae_name", context: context)
    }
}
