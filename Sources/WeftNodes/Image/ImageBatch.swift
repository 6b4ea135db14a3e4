public import WeftCore
import WeftImage
import WeftTensor

/// `ImageBatch` ("Batch Images"): `image1`'s images followed by `image2`'s, resized to `image1`'s size if needed.
public struct ImageBatch: Node {
    /// `image1`, `image2`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "ImageBatch",
        displayName: "Batch Images",
        category: "image",
        inputs: [.socket("image1", "IMAGE"), .socket("image2", "IMAGE")],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Joins the batches.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let first = try inputs.image("image1")
        let second = try inputs.image("image2")
        return NodeOutput(.image(try await TensorCompute.run { () throws(TensorError) -> Tensor in try ImageBatching.join(first, second) }))
    }
}
