import OrderedCollections
public import WeftCore
import WeftImage
import WeftTensor

/// `EmptyImage`: a batch of images of one colour, given as `0xRRGGBB`.
public struct EmptyImage: Node {
    /// `width`, `height`, `batch_size`, `color`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "EmptyImage",
        category: "image",
        inputs: [
            .int("width", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("height", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("batch_size", default: 1, min: 1, max: 4096),
            InputSpec(name: "color", type: .named("INT"), options: ["default": 0, "min": 0, "max": 0xFF_FFFF, "step": 1, "display": "color"]),
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Fills the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let (width, height) = (try inputs.int("width"), try inputs.int("height"))
        let (batch, color) = (try inputs.int("batch_size"), try inputs.int("color"))
        return NodeOutput(
            .image(
                try await TensorCompute.run { () throws(TensorError) -> Tensor in
                    try SolidImage.filled(width: width, height: height, batch: batch, color: color)
                }))
    }
}
