public import WeftCore
import WeftDiffusion

/// `ConditioningZeroOut`: the conditioning with every context and pooled output set to zero (a true "empty"
/// negative for some models).
public struct ConditioningZeroOut: Node {
    /// `conditioning`; outputs CONDITIONING.
    public let schema = NodeSchema(
        className: "ConditioningZeroOut",
        displayName: "ConditioningZeroOut",
        category: "advanced/conditioning",
        inputs: [.socket("conditioning", "CONDITIONING")],
        outputs: [OutputSpec("CONDITIONING")]
    )

    /// The node.
    public init() {}

    /// Zeroes every entry.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(.conditioning(try inputs.conditioning("conditioning").map { $0.zeroedOut() }))
    }
}
