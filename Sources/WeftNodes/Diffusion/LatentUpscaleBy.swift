public import WeftCore
import WeftTensor

/// `LatentUpscaleBy` ("Upscale Latent By"): resizes latents by a factor, each side rounded as Python rounds.
public struct LatentUpscaleBy: Node {
    /// `samples`, `upscale_method`, `scale_by` (0.01…8); outputs LATENT.
    public let schema = NodeSchema(
        className: "LatentUpscaleBy",
        displayName: "Upscale Latent By",
        category: "latent",
        inputs: [
            .socket("samples", "LATENT"),
            LatentSizing.methodInput,
            .float("scale_by", default: 1.5, min: 0.01, max: 8, step: 0.01),
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Scales the latent.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let latent = try inputs.latent("samples")
        let factor = try inputs.double("scale_by")
        let width = Int((Double(latent.samples.shape[3]) * factor).rounded(.toNearestOrEven))
        let height = Int((Double(latent.samples.shape[2]) * factor).rounded(.toNearestOrEven))
        let method = try LatentSizing.method(inputs)
        return NodeOutput(.latent(try await LatentSizing.resized(latent, width: width, height: height, method: method, crop: .disabled)))
    }
}
