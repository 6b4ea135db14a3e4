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
    /// Each node's links with sources resolved to positions in ``nodes``, so the executor's bookkeeping works on
    /// positions instead of hashing ids.
    let links: [[PlannedLink]]
    /// Each node's inputs sorted by name with sources as positions: the order cache keys read them in, so a key does
    /// not depend on document order or node ids.
    let keyInputs: [[(name: String, input: KeyInput)]]

    /// - Precondition: `nodes` is in dependency order and every link names a node in it.
    public init(workflow: Workflow, outputs: [NodeID], nodes: OrderedDictionary<NodeID, PlannedNode>) {
        self.workflow = workflow
        self.outputs = outputs
        self.nodes = nodes
        var links: [[PlannedLink]] = []
        var keyInputs: [[(name: String, input: KeyInput)]] = []
        links.reserveCapacity(nodes.count)
        keyInputs.reserveCapacity(nodes.count)
        for planned in nodes.values {
            var nodeLinks: [PlannedLink] = []
            var nodeKeyInputs: [(name: String, input: KeyInput)] = []
            for (name, input) in planned.inputs.sorted(by: { $0.key < $1.key }) {
                switch input {
                case .value(let value):
                    nodeKeyInputs.append((name, .value(value)))
                case .link(let source, let slot):
                    let position = nodes.index(forKey: source)!
                    nodeKeyInputs.append((name, .link(position, slot)))
                    nodeLinks.append(PlannedLink(name: name, source: position, slot: slot, isLazy: planned.schema.input(named: name)?.isLazy == true))
                }
            }
            links.append(nodeLinks)
            keyInputs.append(nodeKeyInputs)
        }
        self.links = links
        self.keyInputs = keyInputs
    }
}

/// A link of a planned node, its source given as a position in the plan.
struct PlannedLink {
    let name: String
    let source: Int
    let slot: Int
    /// Lazy links are evaluated only when the node asks for them.
    let isLazy: Bool
}

/// An input as cache keys see it: a literal, or a source position and slot.
enum KeyInput {
    case value(Value)
    case link(Int, Int)
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
