public import OrderedCollections

/// A validated prompt, ready to execute: the nodes the selected outputs need, with literals already converted to
/// their declared types. Nothing downstream re-checks JSON types.
public struct ExecutionPlan: Sendable {
    /// The workflow with converted literals written back (what history stores and PNG metadata embeds).
    public let workflow: Workflow
    /// The output nodes to run, in document order.
    public let outputs: [NodeID]
    /// Every node the outputs need (their ancestors through all links, lazy ones included), in dependency order:
    /// each node after the nodes it links to, ties in document order.
    public let nodes: OrderedDictionary<NodeID, PlannedNode>

    public init(workflow: Workflow, outputs: [NodeID], nodes: OrderedDictionary<NodeID, PlannedNode>) {
        self.workflow = workflow
        self.outputs = outputs
        self.nodes = nodes
    }
}

/// One node of an ``ExecutionPlan``: its implementation, its schema (read once), and its resolved inputs.
///
/// A class so the executor's many lookups share one instance instead of copying a dozen references each time.
public final class PlannedNode: Sendable {
    public let id: NodeID
    public let node: any Node
    public let schema: NodeSchema
    /// Declared inputs that were given, plus undeclared links (passed through, as ComfyUI does), in document order.
    /// Undeclared literals are dropped.
    public let inputs: OrderedDictionary<String, PlannedInput>
    /// The inputs sorted by name: the order cache keys read them in, so a key does not depend on document order.
    let inputsByName: [(name: String, input: PlannedInput)]

    public init(id: NodeID, node: any Node, schema: NodeSchema, inputs: OrderedDictionary<String, PlannedInput>) {
        self.id = id
        self.node = node
        self.schema = schema
        self.inputs = inputs
        self.inputsByName = inputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The display title: the user's, else the schema's display name, else the class name.
    public func title(in workflow: Workflow) -> String {
        workflow.nodes[id]?.title ?? schema.displayName ?? schema.className
    }
}

/// A resolved input: another node's output slot, or a converted literal.
public enum PlannedInput: Sendable {
    case link(NodeID, Int)
    case value(Value)
}
