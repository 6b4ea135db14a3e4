public import WeftCore
import WeftDiffusion
import WeftTensor

/// `VAEDecode` ("VAE Decode"): latents to images (`[B, 8h, 8w, 3]` in 0…1).
public struct VAEDecode: Node {
    /// `samples`, `vae`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "VAEDecode",
        displayName: "VAE Decode",
        category: "latent",
        inputs: [.socket("samples", "LATENT"), .socket("vae", "VAE")],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Decodes on the tensor thread.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let samples = try inputs.latent("samples").samples
        let vae = try inputs.custom("vae", as: VAEValue.self).vae.component
        return NodeOutput(.image(try await TensorCompute.run { () throws(TensorError) -> Tensor in try vae.decode(samples) }))
    }
}
