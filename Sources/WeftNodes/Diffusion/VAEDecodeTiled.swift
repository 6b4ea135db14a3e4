public import WeftCore
import WeftDiffusion
import WeftTensor

/// `VAEDecodeTiled` ("VAE Decode (Tiled)"): VAEDecode in overlapping tiles blended together, so memory stays
/// bounded for large images. The temporal inputs (for video VAEs) are accepted and unused.
public struct VAEDecodeTiled: Node {
    /// `samples`, `vae`, `tile_size` (64…4096 px), `overlap` (0…4096 px), `temporal_size`, `temporal_overlap`;
    /// outputs IMAGE.
    public let schema = NodeSchema(
        className: "VAEDecodeTiled",
        displayName: "VAE Decode (Tiled)",
        category: "_for_testing",
        inputs: [
            .socket("samples", "LATENT"), .socket("vae", "VAE"),
            .int("tile_size", default: 512, min: 64, max: 4096, step: 32),
            .int("overlap", default: 64, min: 0, max: 4096, step: 32),
            .int("temporal_size", default: 64, min: 8, max: 4096, step: 4),
            .int("temporal_overlap", default: 8, min: 4, max: 4096, step: 4),
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Decodes tile by tile on the tensor thread.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let samples = try inputs.latent("samples").samples
        let vae = try inputs.custom("vae", as: VAEValue.self).vae.component
        let (tileSize, overlap) = (try inputs.int("tile_size"), try inputs.int("overlap"))
        let image = try await TensorCompute.run { () throws(TensorError) -> Tensor in
            try vae.decodeTiled(samples, tileSize: tileSize, overlap: overlap)
        }
        return NodeOutput(.image(image))
    }
}
