public import WeftCore
import WeftDiffusion
import WeftTensor

/// `VAEEncode` ("VAE Encode"): images to latents (the posterior mean), the images centre-cropped to multiples of 8
/// first; an alpha channel is ignored.
public struct VAEEncode: Node {
    /// `pixels`, `vae`; outputs LATENT.
    public let schema = NodeSchema(
        className: "VAEEncode",
        displayName: "VAE Encode",
        category: "latent",
        inputs: [.socket("pixels", "IMAGE"), .socket("vae", "VAE")],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Encodes on the tensor thread.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let pixels = try inputs.image("pixels")
        let vae = try inputs.custom("vae", as: VAEValue.self).vae.component
        let latent = try await TensorCompute.run { () throws(TensorError) -> Tensor in try vae.encode(pixels) }
        return NodeOutput(.latent(LatentValue(samples: latent)))
    }
}
