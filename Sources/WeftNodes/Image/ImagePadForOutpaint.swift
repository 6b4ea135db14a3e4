public import WeftCore
import WeftImage
import WeftTensor

/// `ImagePadForOutpaint` ("Pad Image for Outpainting"): the image on a larger grey canvas, and a mask of the added
/// border feathered into the image.
public struct ImagePadForOutpaint: Node {
    /// `image`, `left`, `top`, `right`, `bottom`, `feathering`; outputs IMAGE and MASK.
    public let schema = NodeSchema(
        className: "ImagePadForOutpaint",
        displayName: "Pad Image for Outpainting",
        category: "image",
        inputs: [
            .socket("image", "IMAGE"),
            .int("left", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 8),
            .int("top", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 8),
            .int("right", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 8),
            .int("bottom", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 8),
            .int("feathering", default: 40, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
        ],
        outputs: [OutputSpec("IMAGE"), OutputSpec("MASK")]
    )

    /// The node.
    public init() {}

    /// Pads the batch and makes the mask.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let (left, top) = (try inputs.int("left"), try inputs.int("top"))
        let (right, bottom) = (try inputs.int("right"), try inputs.int("bottom"))
        let feathering = try inputs.int("feathering")
        let padded = try await TensorCompute.run { () throws(TensorError) -> (image: Tensor, mask: Tensor) in
            try OutpaintPadding.pad(images, left: left, top: top, right: right, bottom: bottom, feathering: feathering)
        }
        return NodeOutput(.image(padded.image), .mask(padded.mask))
    }
}
