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
public struct PlannedNode: Sendable {
    public let id: NodeID
    public let node: any Node
    public let schema: NodeSchema
    /// Declared inputs that were given, plus undeclared links (passed through, as ComfyUI does), in document order.
    /// Undeclared literals are dropped.
    public let inputs: OrderedDictionary<String, PlannedInput>

    public init(id: NodeID, node: any Node, schema: NodeSchema, inputs: OrderedDictionary<String, PlannedInput>) {
        self.id = id
        self.node = node
        self.schema = schema
        self.inputs = inputs
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
