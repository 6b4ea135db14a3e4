public import WeftCore

/// ComfyUI's primitive nodes (`PrimitiveInt`, `PrimitiveFloat`, `PrimitiveString`, `PrimitiveStringMultiline`,
/// `PrimitiveBoolean`): one `value` widget passed through unchanged, so a constant can feed several nodes.
///
/// The five classes differ only in their schema and value kind, so they share this implementation; each is
/// still registered under its own class name (see ``int``, ``float``, ``string``, ``stringMultiline``, ``boolean``).
public struct PrimitiveNode: Node {
    /// The kind of value a primitive node holds; decides how the `value` input is read and the output type.
    public enum Kind: String, Sendable, CaseIterable {
        /// `INT`.
        case int = "INT"
        /// `FLOAT`.
        case float = "FLOAT"
        /// `STRING`.
        case string = "STRING"
        /// `BOOLEAN`.
        case boolean = "BOOLEAN"

        /// Reads the input as this kind (an `INT` widens to `FLOAT`).
        func read(_ name: String, from inputs: NodeInputs) throws(NodeInputError) -> Value {
            switch self {
            case .int: .int(try inputs.int128(name))
            case .float: .double(try inputs.double(name))
            case .string: .string(try inputs.string(name))
            case .boolean: .bool(try inputs.bool(name))
            }
        }
    }

    /// The primitive's declaration: one `value` widget and one output of the same type.
    public let schema: NodeSchema
    /// The kind of value the node passes through.
    public let kind: Kind

    /// A primitive node of ComfyUI's `comfy_extras.nodes_primitive` module whose `value` input is `valueInput`.
    init(className: String, displayName: String, kind: Kind, valueInput: InputSpec) {
        self.kind = kind
        schema = NodeSchema(
            className: className,
            displayName: displayName,
            category: "utils/primitive",
            module: "comfy_extras.nodes_primitive",
            inputs: [valueInput],
            outputs: [OutputSpec(kind.rawValue)]
        )
    }

    /// The `value` input, unchanged.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(try kind.read("value", from: inputs))
    }
}
