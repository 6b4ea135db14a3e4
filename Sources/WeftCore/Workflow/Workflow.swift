public import OrderedCollections

/// A node's id inside one workflow: an opaque string (`"3"`, `"12:5"`, `"7.0.0.2"`), as in ComfyUI.
public typealias NodeID = String

/// A parsed workflow in ComfyUI's API ("prompt") format: nodes keyed by id, in document order.
///
/// A `Workflow` is structurally sound: every link names an existing node and a non-negative output
/// index, and the links form no cycle. Whether classes and types fit is the validator's job.
public struct Workflow: Sendable, Equatable {
    /// The nodes in the order the document listed them.
    public var nodes: OrderedDictionary<NodeID, WorkflowNode>

    public init(nodes: OrderedDictionary<NodeID, WorkflowNode>) {
        self.nodes = nodes
    }

    /// The workflow as API-format JSON, as ComfyUI stores it in history and PNG metadata.
    public var json: JSONValue {
        .object(nodes.mapValues(\.json))
    }
}

/// One node of a ``Workflow``: its class, its inputs (links or literal values) and its title.
public struct WorkflowNode: Sendable, Equatable {
    public var id: NodeID
    /// The registry key, e.g. `"KSampler"`.
    public var classType: String
    /// Input name to value, in document order.
    public var inputs: OrderedDictionary<String, InputValue>
    /// `_meta`, kept as given (usually `{"title": …}`); the runtime only reads the title.
    public var meta: JSONValue?

    public init(id: NodeID, classType: String, inputs: OrderedDictionary<String, InputValue>, meta: JSONValue? = nil) {
        self.id = id
        self.classType = classType
        self.inputs = inputs
        self.meta = meta
    }

    /// The user's title for the node (`_meta.title`), if any.
    public var title: String? { meta?["title"]?.stringValue }

    /// The node as API-format JSON.
    public var json: JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [
            "inputs": .object(inputs.mapValues(\.json)),
            "class_type": .string(classType),
        ]
        if let meta { members["_meta"] = meta }
        return .object(members)
    }
}

/// The value given for one input: a link to another node's output, or a literal ("widget value").
public enum InputValue: Sendable, Equatable {
    /// `[source_node_id, output_index]`.
    case link(NodeID, Int)
    /// Any non-array JSON value, with `{"__value__": …}` already unwrapped.
    case literal(JSONValue)
    /// An array that is not a well-formed link; validation reports it as `bad_linked_input`.
    case malformedLink(JSONValue)

    /// The value as it appears in API-format JSON.
    public var json: JSONValue {
        switch self {
        case .link(let source, let index): .array([.string(source), .integer(Int128(index))])
        case .literal(let value): Self.wrapsArrays(value) ? .object(["__value__": value]) : value
        case .malformedLink(let value): value
        }
    }

    /// Arrays must be wrapped (a bare array reads as a link), and so must an object that has a
    /// `__value__` key of its own, or the parser would unwrap it on the way back in.
    private static func wrapsArrays(_ value: JSONValue) -> Bool {
        switch value {
        case .array: true
        case .object(let members): members["__value__"] != nil
        default: false
        }
    }
}
