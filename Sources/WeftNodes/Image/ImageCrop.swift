public import WeftCore
import WeftImage
import WeftTensor

/// `ImageCrop` ("Image Crop"): a `width × height` region at (`x`, `y`), cut off at the image's edges.
public struct ImageCrop: Node {
    /// `image`, `width`, `height`, `x`, `y`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageCrop",
        displayName: "Image Crop",
        category: "image/transform",
        inputs: [
            .socket("image", "IMAGE"),
            .int("width", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("height", default: 512, min: 1, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("x", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("y", default: 0, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Crops the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let (x, y) = (try inputs.int("x"), try inputs.int("y"))
        let (width, height) = (try inputs.int("width"), try inputs.int("height"))
        return NodeOutput(
            .image(
                try await TensorCompute.run { () throws(TensorError) -> Tensor in
                    try ImageCropping.crop(images, x: x, y: y, width: width, height: height)
                }))
    }
}
