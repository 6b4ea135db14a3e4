public import WeftCore
import WeftTensor

/// `ImageInvert` ("Invert Image"): `1 − value` for every sample.
public struct ImageInvert: Node {
    /// `image`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageInvert", displayName: "Invert Image", category: "image", inputs: [.socket("image", "IMAGE")], outputs: [OutputSpec("IMAGE")])

    /// The node.
    public init() {}

    /// Inverts the batch.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let images = try inputs.image("image")
        return NodeOutput(.image(await TensorCompute.run { 1 - images }))
    }
}
