public import WeftCore

/// ComfyUI's `StringConcatenate` ("Concatenate"): joins two strings with a delimiter between them.
public struct StringConcatenate: Node {
    /// `string_a`, `string_b` (multiline) and `delimiter`; one STRING output.
    public let schema = NodeSchema(
        className: "StringConcatenate",
        displayName: "Concatenate",
        category: "utils/string",
        module: "comfy_extras.nodes_string",
        inputs: [
            .string("string_a", multiline: true),
            .string("string_b", multiline: true),
            .string("delimiter", default: ""),
        ],
        outputs: [OutputSpec("STRING")]
    )

    /// The node.
    public init() {}

    /// `string_a + delimiter + string_b`.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let joined = try inputs.string("string_a") + inputs.string("delimiter") + inputs.string("string_b")
        return NodeOutput(.string(joined))
    }
}
