import OrderedCollections

/// Checks a workflow against the node registry as ComfyUI's `validate_prompt` does, reporting every error at once,
/// and produces the ``ExecutionPlan`` for the outputs that are valid.
///
/// Only output nodes (optionally narrowed to partial execution targets) and their ancestors are checked. A node is
/// invalid when it has errors of its own or any linked ancestor is invalid; only root causes appear in
/// `node_errors`. Every walk is iterative, so 100,000-node chains validate without deep recursion.
public struct PromptValidator: Sendable {
    public let registry: NodeRegistry

    public init(registry: NodeRegistry) {
        self.registry = registry
    }

    /// Validates a submission, honouring its partial execution targets.
    public func validate(_ request: PromptRequest) -> ValidationOutcome {
        validate(request.workflow, partialExecutionTargets: request.partialExecutionTargets)
    }

    /// Validates a workflow; with targets, only output nodes among them (and their ancestors) are selected.
    public func validate(_ workflow: Workflow, partialExecutionTargets: [NodeID]? = nil) -> ValidationOutcome {
        var implementations: [String: NodeClass] = [:]
        for node in workflow.nodes.values where implementations[node.classType] == nil {
            guard let implementation = registry[node.classType] else {
                return Self.rejected(
                    ValidationError(
                        kind: .invalidPrompt,
                        message: "Cannot execute because node \(node.classType) does not exist.",
                        details: "Node ID '#\(node.id)'"
                    ))
            }
            implementations[node.classType] = NodeClass(implementation)
        }
        let topology = WorkflowTopology(workflow)
        guard let order = topology.order else {
            return Self.rejected(ValidationError(kind: .invalidPrompt, message: "Cannot execute because the links form a cycle."))
        }
        let targets = partialExecutionTargets.map(Set.init)
        let outputs = workflow.nodes.values.indices.filter { index in
            let node = workflow.nodes.values[index]
            return implementations[node.classType]!.schema.isOutputNode && targets.map { $0.contains(node.id) } ?? true
        }
        guard !outputs.isEmpty else {
            return Self.rejected(ValidationError(kind: .promptNoOutputs, message: "Prompt has no outputs"))
        }

        // Nodes are known by their document position from here on; `topology.sources` links them.
        let reachable = topology.ancestors(of: outputs)
        var checked = [CheckedNode?](repeating: nil, count: workflow.nodes.count)
        for index in order where reachable[index] {
            let node = workflow.nodes.values[index]
            checked[index] = NodeInputChecker(
                node: node, nodeClass: implementations[node.classType]!, workflow: workflow,
                schemas: { implementations[$0]?.schema }
            ).check()
        }

        var isValid = [Bool](repeating: false, count: workflow.nodes.count)
        for index in order where reachable[index] {
            isValid[index] = checked[index]!.errors.isEmpty && topology.sources[index].allSatisfy { isValid[$0] }
        }

        let validOutputs = outputs.filter { isValid[$0] }
        var nodeErrors = OrderedDictionary<NodeID, NodeErrorReport>()
        for output in outputs where !isValid[output] {
            let outputID = workflow.nodes.keys[output]
            for (index, isAncestor) in topology.ancestors(of: [output]).enumerated() where isAncestor {
                guard let errors = checked[index]?.errors, !errors.isEmpty else { continue }
                let node = workflow.nodes.values[index]
                nodeErrors[node.id, default: NodeErrorReport(classType: node.classType, errors: errors)].dependentOutputs.append(outputID)
            }
        }
        nodeErrors.sort { workflow.nodes.index(forKey: $0.key)! < workflow.nodes.index(forKey: $1.key)! }

        guard !validOutputs.isEmpty else {
            let lines = nodeErrors.values.flatMap(\.errors).map { "\($0.message): \($0.details)" }
            return ValidationOutcome(
                plan: nil,
                error: ValidationError(
                    kind: .promptOutputsFailedValidation, message: "Prompt outputs failed validation",
                    details: lines.joined(separator: "\n")
                ),
                nodeErrors: nodeErrors
            )
        }
        let needed = validOutputs.count == outputs.count ? reachable : topology.ancestors(of: validOutputs)
        return ValidationOutcome(
            plan: Self.plan(
                for: validOutputs, needed: needed, workflow: workflow, order: order, checked: checked,
                implementations: implementations
            ),
            error: nil,
            nodeErrors: nodeErrors
        )
    }

    // MARK: helpers

    private static func rejected(_ error: ValidationError) -> ValidationOutcome {
        ValidationOutcome(plan: nil, error: error, nodeErrors: [:])
    }

    private static func plan(
        for outputs: [Int],
        needed: [Bool],
        workflow: Workflow,
        order: [Int],
        checked: [CheckedNode?],
        implementations: [String: NodeClass]
    ) -> ExecutionPlan {
        var coercedWorkflow = workflow
        var nodes = OrderedDictionary<NodeID, PlannedNode>()
        for index in order where needed[index] {
            let (id, node, checkedNode) = (workflow.nodes.keys[index], workflow.nodes.values[index], checked[index]!)
            let implementation = implementations[node.classType]!
            for (name, value) in checkedNode.coercedLiterals {
                coercedWorkflow.nodes.values[index].inputs[name] = .literal(value)
            }
            nodes[id] = PlannedNode(id: id, node: implementation.node, schema: implementation.schema, inputs: checkedNode.inputs)
        }
        return ExecutionPlan(workflow: coercedWorkflow, outputs: outputs.map { workflow.nodes.keys[$0] }, nodes: nodes)
    }
}

/// A node class as one validation sees it: the implementation and what it declares, read once and shared by every
/// node of that class.
final class NodeClass {
    let node: any Node
    let schema: NodeSchema
    let customValidatedInputs: Set<String>

    init(_ node: any Node) {
        self.node = node
        schema = node.schema
        customValidatedInputs = node.customValidatedInputs
    }
}
