public import WeftCore
import WeftDiffusion

/// `UNETLoader` ("Load Diffusion Model"): a standalone SD1.x UNet from models/diffusion_models (or models/unet).
/// Weights are always computed in Float32, so `weight_dtype` is accepted for compatibility and changes nothing.
public struct UNETLoader: Node {
    private let directories: DataDirectories?
    private let cache: DiffusionModelCache

    /// The node listing the UNets in `directories` and sharing models through `cache`.
    public init(directories: DataDirectories?, cache: DiffusionModelCache) {
        self.directories = directories
        self.cache = cache
    }

    /// `unet_name`, `weight_dtype`; outputs MODEL.
    public var schema: NodeSchema {
        NodeSchema(
            className: "UNETLoader",
            displayName: "Load Diffusion Model",
            category: "advanced/loaders",
            inputs: [
                ModelFiles.comboInput(named: "unet_name", kind: .diffusionModels, directories: directories),
                .combo("weight_dtype", ["default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"]),
            ],
            outputs: [OutputSpec("MODEL")]
        )
    }

    /// Loads (or reuses) the UNet.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let denoiser = try await ModelLoading.component(
            try inputs.string("unet_name"), kind: .diffusionModels, input: "unet_name", cache: cache.denoisers, context: context,
            loader: CheckpointLoader.loadUNet(path:))
        return NodeOutput(.custom(ModelValue(denoiser)))
    }

    /// The file's identity.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try ModelLoading.fingerprint(try inputs.string("unet_name"), kind: .diffusionModels, input: "unet_name", context: context)
    }
}
