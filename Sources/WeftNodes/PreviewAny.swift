import OrderedCollections
public import WeftCore

/// ComfyUI's `PreviewAny` ("Preview Any"): shows any value as text in the client, as `{"text": [string]}`.
///
/// The text is what ComfyUI's node prints: a string as is, numbers as Python's `str` spells them, booleans as
/// `True`/`False`, nothing as `None`, structured values as `json.dumps(value, indent=4)`, and other payloads
/// (images, models…) as their summary.
public struct PreviewAny: Node {
    /// `source` (any type); an output node with no outputs.
    public let schema = NodeSchema(
        className: "PreviewAny",
        displayName: "Preview Any",
        category: "utils",
        module: "comfy_extras.nodes_preview_any",
        inputs: [.socket("source", "*")],
        outputs: [],
        isOutputNode: true
    )

    /// The node.
    public init() {}

    /// Returns the `source` text as UI data.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(slots: [], ui: ["text": [.string(Self.text(for: try inputs.value("source")))]])
    }

    /// The preview text of a value.
    public static func text(for value: Value) -> String {
        if case .json(let json) = value { return json.serialized(style: .pythonIndented) }
        return value.pythonText
    }
}
