public import WeftCore
import WeftDiffusion
import WeftTensor

/// `VAEEncodeForInpaint` ("VAE Encode (for Inpainting)"): encodes images with the masked pixels set to grey and
/// returns the latent with a noise mask grown by `grow_mask_by` pixels, so sampling repaints only the masked region.
public struct VAEEncodeForInpaint: Node {
    /// `pixels`, `vae`, `mask`, `grow_mask_by` (0…64); outputs LATENT.
    public let schema = NodeSchema(
        className: "VAEEncodeForInpaint",
        displayName: "VAE Encode (for Inpainting)",
        category: "latent/inpaint",
        inputs: [
            .socket("pixels", "IMAGE"), .socket("vae", "VAE"), .socket("mask", "MASK"),
            .int("grow_mask_by", default: 6, min: 0, max: 64, step: 1),
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Prepares and encodes on the tensor thread.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let pixels = try inputs.image("pixels")
        let mask = try inputs.mask("mask")
        let vae = try inputs.custom("vae", as: VAEValue.self).vae.component
        let grow = try inputs.int("grow_mask_by")
        let (latent, noiseMask) = try await TensorCompute.run { () throws(TensorError) -> (Tensor, Tensor) in
            try vae.encodeForInpainting(pixels, mask: mask, growMaskBy: grow)
        }
        return NodeOutput(.latent(LatentValue(samples: latent, noiseMask: noiseMask)))
    }
}
