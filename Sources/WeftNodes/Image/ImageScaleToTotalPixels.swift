public import WeftCore
import WeftImage
import WeftTensor

/// `ImageScaleToTotalPixels` ("Scale Image to Total Pixels"): resizes images to about `megapixels` × 2^20 pixels,
/// keeping the aspect ratio; the optional `resolution_steps` (newer ComfyUI) rounds each side to a multiple.
public struct ImageScaleToTotalPixels: Node {
    /// `image`, `upscale_method`, `megapixels`, optional `resolution_steps`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageScaleToTotalPixels",
        displayName: "Scale Image to Total Pixels",
        category: "image/upscaling",
        module: "comfy_extras.nodes_post_processing",
        inputs: [
            .socket("image", "IMAGE"),
            ImageScaling.methodInput,
            .float("megapixels", default: 1.0, min: 0.01, max: 16.0, step: 0.01),
            InputSpec.int("resolution_steps", default: 1, min: 1, max: 256).optional,
        ],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Scales the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let steps = inputs.has("resolution_steps") ? try inputs.int("resolution_steps") : 1
        let size = ImageSizing.scale(
            toMegapixels: try inputs.double("megapixels"), steps: steps, sourceWidth: images.shape[2], sourceHeight: images.shape[1])
        let method = try ImageScaling.method(inputs)
        return NodeOutput(.image(try await ImageScaling.resized(images, width: size.width, height: size.height, method: method, crop: .disabled)))
    }
}
