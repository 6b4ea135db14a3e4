public import WeftCore
import WeftImage
import WeftTensor

/// `ImageToMask` ("Convert Image to Mask"): one channel of each image as a mask, `[B, H, W]`.
public struct ImageToMask: Node {
    /// `image`, `channel`; outputs MASK.
    public let schema = NodeSchema(
        className: "ImageToMask",
        displayName: "Convert Image to Mask",
        category: "mask",
        module: "comfy_extras.nodes_mask",
        inputs: [.socket("image", "IMAGE"), .combo("channel", ["red", "green", "blue", "alpha"])],
        outputs: [OutputSpec("MASK")]
    )

    /// The node.
    public init() {}

    /// Takes the channel.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        let name = try inputs.string("channel")
        guard let channel = ColorChannel(rawValue: name) else {
            throw ImageNodeError.invalidSize("channel '\(name)' is not red, green, blue or alpha")
        }
        guard channel.index < images.shape[3] else {
            throw ImageNodeError.badShape(input: "image", shape: images.shape, expected: "a \(name) channel (index \(channel.index))")
        }
        let mask = try await TensorCompute.run { () throws(TensorError) -> Tensor in try images.selected(dimension: 3, index: channel.index) }
        return NodeOutput(.mask(mask))
    }
}
