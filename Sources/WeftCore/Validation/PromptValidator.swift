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
                return Self.rejected(ValidationError(
                    kind: .invalidPrompt,
                    message: "Cannot execute because node \(node.classType) does not exist.",
                    details: "Node ID '#\(node.id)'"
                ))
            }
            implementations[node.classType] = NodeClass(implementation)
        }
        guard let order = WorkflowTopology(workflow).order else {
            return Self.rejected(ValidationError(kind: .invalidPrompt, message: "Cannot execute because the links form a cycle."))
        }
        let targets = partialExecutionTargets.map(Set.init)
        let outputs = workflow.nodes.values.filter { node in
            implementations[node.classType]!.schema.isOutputNode && targets.map { $0.contains(node.id) } ?? true
        }.map(\.id)
        guard !outputs.isEmpty else {
            return Self.rejected(ValidationError(kind: .promptNoOutputs, message: "Prompt has no outputs"))
        }

        let reachable = Self.ancestors(of: outputs, in: workflow)
        var checked: [NodeID: CheckedNode] = [:]
        checked.reserveCapacity(reachable.count)
        for id in reachable {
            let node = workflow.nodes[id]!
            let implementation = implementations[node.classType]!
            checked[id] = NodeInputChecker(
                node: node, nodeClass: implementation, workflow: workflow, schemas: { implementations[$0]?.schema }
            ).check()
        }

        var isValid: [NodeID: Bool] = [:]
        for index in order {
            let id = workflow.nodes.keys[index]
            guard let node = checked[id] else { continue }
            isValid[id] = node.errors.isEmpty && node.linkedSources.allSatisfy { isValid[$0] == true }
        }

        let validOutputs = outputs.filter { isValid[$0] == true }
        var nodeErrors = OrderedDictionary<NodeID, NodeErrorReport>()
        for output in outputs where isValid[output] != true {
            for id in Self.ancestors(of: [output], in: workflow) {
                guard let errors = checked[id]?.errors, !errors.isEmpty else { continue }
                nodeErrors[id, default: NodeErrorReport(classType: workflow.nodes[id]!.classType, errors: errors)]
                    .dependentOutputs.append(output)
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
        return ValidationOutcome(
            plan: Self.plan(
                for: validOutputs, needed: validOutputs.count == outputs.count ? reachable : Self.ancestors(of: validOutputs, in: workflow),
                workflow: workflow, order: order, checked: checked, implementations: implementations
            ),
            error: nil,
            nodeErrors: nodeErrors
        )
    }

    // MARK: helpers

    private static func rejected(_ error: ValidationError) -> ValidationOutcome {
        ValidationOutcome(plan: nil, error: error, nodeErrors: [:])
    }

    /// The given nodes and everything they link to, directly or not.
    private static func ancestors(of roots: [NodeID], in workflow: Workflow) -> Set<NodeID> {
        var seen = Set(roots)
        var stack = roots
        while let id = stack.popLast() {
            for input in workflow.nodes[id]!.inputs.values {
                if case .link(let source, _) = input, seen.insert(source).inserted {
                    stack.append(source)
                }
            }
        }
        return seen
    }

    private static func plan(
        for outputs: [NodeID],
        needed: Set<NodeID>,
        workflow: Workflow,
        order: [Int],
        checked: [NodeID: CheckedNode],
        implementations: [String: NodeClass]
    ) -> ExecutionPlan {
        var coercedWorkflow = workflow
        var nodes = OrderedDictionary<NodeID, PlannedNode>(minimumCapacity: needed.count)
        for index in order {
            let (id, node) = (workflow.nodes.keys[index], workflow.nodes.values[index])
            guard needed.contains(id) else { continue }
            let checkedNode = checked[id]!
            let implementation = implementations[node.classType]!
            for (name, value) in checkedNode.coercedLiterals {
                coercedWorkflow.nodes[id]!.inputs[name] = .literal(value)
            }
            nodes[id] = PlannedNode(id: id, node: implementation.node, schema: implementation.schema, inputs: checkedNode.inputs)
        }
        return ExecutionPlan(workflow: coercedWorkflow, outputs: outputs, nodes: nodes)
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
