public import WeftCore
import WeftTensor

/// `SetLatentNoiseMask` ("Set Latent Noise Mask"): attaches a mask to a latent so sampling only changes where the
/// mask is 1 (inpainting on an ordinary model). The mask may be in pixels; the sampler resizes it.
public struct SetLatentNoiseMask: Node {
    /// `samples`, `mask`; outputs LATENT.
    public let schema = NodeSchema(
        className: "SetLatentNoiseMask",
        displayName: "Set Latent Noise Mask",
        category: "latent/inpaint",
        inputs: [.socket("samples", "LATENT"), .socket("mask", "MASK")],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Stores the mask as `[B, 1, H, W]`.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        var latent = try inputs.latent("samples")
        let mask = try inputs.mask("mask")
        latent.noiseMask = try mask.reshaped([mask.shape[0], 1, mask.shape[1], mask.shape[2]])
        return NodeOutput(.latent(latent))
    }
}
