public import OrderedCollections

/// The node types a runtime knows, by class name, in registration order.
///
/// Built at start-up by the composition root (built-ins first, then plugins) and then only read.
public struct NodeRegistry: Sendable {
    /// Class name to node, in registration order.
    public private(set) var nodes: OrderedDictionary<String, any Node> = [:]

    public init() {}

    /// Builds a registry from nodes; a repeated class name is an error.
    public init(_ nodes: [any Node]) throws(NodeRegistryError) {
        for node in nodes { try register(node) }
    }

    /// Adds a node type. A class name that is already registered is refused, so a plugin can never
    /// silently replace a built-in node (ComfyUI's rule for core nodes).
    public mutating func register(_ node: any Node) throws(NodeRegistryError) {
        let className = node.schema.className
        guard !className.isEmpty else { throw .emptyClassName }
        guard nodes[className] == nil else { throw .duplicate(className) }
        nodes[className] = node
    }

    /// The node registered under a class name.
    public subscript(className: String) -> (any Node)? { nodes[className] }
}

/// Why a node could not be registered.
public enum NodeRegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicate(String)
    case emptyClassName

    public var description: String {
        switch self {
        case .duplicate(let name): "a node named '\(name)' is already registered"
        case .emptyClassName: "a node's class name is empty"
        }
    }
}
