public import WeftCore
import WeftTensor

/// `MaskToImage` ("Convert Mask to Image"): each mask as a gray RGB image, `[B, H, W, 3]`.
public struct MaskToImage: Node {
    /// `mask`; outputs IMAGE.
    public let schema = NodeSchema(
        className: "MaskToImage",
        displayName: "Convert Mask to Image",
        category: "mask",
        module: "comfy_extras.nodes_mask",
        inputs: [.socket("mask", "MASK")],
        outputs: [OutputSpec("IMAGE")]
    )

    /// The node.
    public init() {}

    /// Spreads each mask value over three channels.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let mask = try inputs.mask("mask")
        let image = try await TensorCompute.run { () throws(TensorError) -> Tensor in
            try mask.reshaped(mask.shape + [1]).expanded(to: mask.shape + [3])
        }
        return NodeOutput(.image(image))
    }
}
