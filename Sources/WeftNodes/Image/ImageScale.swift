public import WeftCore
import WeftImage
import WeftTensor

/// `ImageScale` ("Upscale Image"): resizes images to a width and height; a 0 side keeps the aspect ratio, both 0
/// leave the image as it is; `crop: center` cuts to the target's aspect ratio first.
public struct ImageScale: Node {
    /// `image`, `upscale_method`, `width`, `height`, `crop`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageScale",
        displayName: "Upscale Image",
        category: "image/upscaling",
        inputs: [
            .socket("image", "IMAGE"),
            ImageScaling.methodInput,
            .int("width", default: 512, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
            .int("height", default: 512, min: 0, max: Int128(ImageScaling.maxResolution), step: 1),
            .combo("crop", ["disabled", "center"]),
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Scales the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let size = ImageSizing.scale(
            width: try inputs.int("width"), height: try inputs.int("height"), sourceWidth: images.shape[2], sourceHeight: images.shape[1])
        guard let size else { return NodeOutput(.image(images)) }
        let crop = CropMode(rawValue: try inputs.string("crop")) ?? .disabled
        let method = try ImageScaling.method(inputs)
        return NodeOutput(.image(try await ImageScaling.resized(images, width: size.width, height: size.height, method: method, crop: crop)))
    }
}
