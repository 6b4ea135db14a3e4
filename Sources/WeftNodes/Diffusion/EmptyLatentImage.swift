public import WeftCore
import WeftTensor

/// `EmptyLatentImage` ("Empty Latent Image"): a batch of zero latents for a `width × height` image, 4 channels at
/// one eighth of the size, the starting point of text-to-image.
public struct EmptyLatentImage: Node {
    /// `width`, `height` (16…16384, step 8) and `batch_size` (1…4096); outputs LATENT.
    public let schema = NodeSchema(
        className: "EmptyLatentImage",
        displayName: "Empty Latent Image",
        category: "latent",
        inputs: [
            .int("width", default: 512, min: 16, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("height", default: 512, min: 16, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("batch_size", default: 1, min: 1, max: 4096),
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Makes the zero latents (sides rounded down to a multiple of 8, as ComfyUI's integer division does).
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let shape = [try inputs.int("batch_size"), 4, try inputs.int("height") / 8, try inputs.int("width") / 8]
        try LatentSizing.checkAllocation(shape, input: "batch_size")
        return NodeOutput(.latent(LatentValue(samples: Tensor.zeros(shape))))
    }
}
