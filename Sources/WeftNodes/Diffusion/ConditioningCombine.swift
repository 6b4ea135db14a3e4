public import WeftCore

/// `ConditioningCombine` ("Conditioning (Combine)"): both lists of entries as one; the sampler averages their
/// predictions.
public struct ConditioningCombine: Node {
    /// `conditioning_1`, `conditioning_2`; outputs CONDITIONING.
    public let schema = NodeSchema(
        className: "ConditioningCombine",
        displayName: "Conditioning (Combine)",
        category: "conditioning",
        inputs: [.socket("conditioning_1", "CONDITIONING"), .socket("conditioning_2", "CONDITIONING")],
        outputs: [OutputSpec("CONDITIONING")]
    )

    /// The node.
    public init() {}

    /// Concatenates the lists.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(.conditioning(try inputs.conditioning("conditioning_1") + inputs.conditioning("conditioning_2")))
    }
}
