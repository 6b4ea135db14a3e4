public import WeftCore
import WeftImage
import WeftTensor

/// `SolidMask`: a `[1, height, width]` mask of one value.
public struct SolidMask: Node {
    /// `value`, `width`, `height`; outputs MASK.
    public let schema = NodeSchema(
        className: "SolidMask",
        category: "mask",
        module: "comfy_extras.nodes_mask",
        inputs: [
            .float("value", default: 1.0, min: 0.0, max: 1.0, step: 0.01),
            .int("width", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("height", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
        ],
        outputs: [OutputSpec("MASK")]
    )

    /// The node.
    public init() {}

    /// Fills the mask.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let value = Float(try inputs.double("value"))
        let (width, height) = (try inputs.int("width"), try inputs.int("height"))
        return NodeOutput(.mask(try SolidImage.mask(value: value, width: width, height: height)))
    }
}
