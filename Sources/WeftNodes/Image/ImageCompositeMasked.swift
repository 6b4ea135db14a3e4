public import WeftCore
import WeftImage
import WeftTensor

/// `ImageCompositeMasked`: pastes `source` onto `destination` at (`x`, `y`), through an optional mask.
public struct ImageCompositeMasked: Node {
    /// `destination`, `source`, `x`, `y`, `resize_source`, optional `mask`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageCompositeMasked",
        category: "image",
        module: "comfy_extras.nodes_mask",
        inputs: [
            .socket("destination", "IMAGE"),
            .socket("source", "IMAGE"),
            .int("x", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("y", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
            .boolean("resize_source", default: false),
            InputSpec.socket("mask", "MASK").optional,
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Composites the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let destination = try inputs.image("destination")
        let source = try inputs.image("source")
        let mask = inputs.has("mask") ? try inputs.mask("mask") : nil
        let (x, y) = (try inputs.int("x"), try inputs.int("y"))
        let resizeSource = try inputs.bool("resize_source")
        return NodeOutput(
            .image(
                try await TensorCompute.run { () throws(TensorError) -> Tensor in
                    try MaskedComposite.composite(destination: destination, source: source, x: x, y: y, mask: mask, resizeSource: resizeSource)
                }))
    }
}
