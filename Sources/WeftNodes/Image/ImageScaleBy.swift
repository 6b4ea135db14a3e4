public import WeftCore
import WeftImage
import WeftTensor

/// `ImageScaleBy` ("Upscale Image By"): resizes images by a factor (each side rounded as Python rounds).
public struct ImageScaleBy: Node {
    /// `image`, `upscale_method`, `scale_by`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageScaleBy",
        displayName: "Upscale Image By",
        category: "image/upscaling",
        inputs: [
            .socket("image", "IMAGE"),
            ImageScaling.methodInput,
            .float("scale_by", default: 1.0, min: 0.01, max: 8.0, step: 0.01),
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Scales the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let size = ImageSizing.scale(by: try inputs.double("scale_by"), sourceWidth: images.shape[2], sourceHeight: images.shape[1])
        let method = try ImageScaling.method(inputs)
        return NodeOutput(.image(try await ImageScaling.resized(images, width: size.width, height: size.height, method: method, crop: .disabled)))
    }
}
