public import WeftCore
import WeftTensor

/// `InvertMask`: `1 − value` for every element of the mask.
public struct InvertMask: Node {
    /// `mask`; outputs MASK.
    public let schema = NodeSchema(
        className: "InvertMask", category: "mask", module: "comfy_extras.nodes_mask", inputs: [.socket("mask", "MASK")], outputs: [OutputSpec("MASK")]
    )

    /// The node.
    public init() {}

    /// Inverts the mask.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let mask = try inputs.mask("mask")
        return NodeOutput(.mask(await TensorCompute.run { 1 - mask }))
    }
}
