import OrderedCollections

/// Turns JSON into a ``PromptRequest`` or a ``WorkflowError`` listing every structural problem.
///
/// Accepts a bare API-format prompt or the `{"prompt": …, "extra_data": …}` envelope. Checks what can be
/// checked without a node registry: shapes, links to existing nodes, non-negative output indexes, and no
/// cycles (found without recursion, so 100,000-node chains are fine).
public struct WorkflowParser: Sendable {
    private let jsonParser: JSONParser

    public init(jsonParser: JSONParser = JSONParser()) {
        self.jsonParser = jsonParser
    }

    /// Parses UTF-8 JSON bytes.
    public func parseRequest(_ bytes: [UInt8]) throws(WorkflowError) -> PromptRequest {
        let document: JSONValue
        do {
            document = try jsonParser.parse(bytes)
        } catch {
            throw WorkflowError(JSONPath(), error.description)
        }
        return try parseRequest(document)
    }

    /// Parses an already decoded document.
    public func parseRequest(_ document: JSONValue) throws(WorkflowError) -> PromptRequest {
        let root = JSONPath()
        guard let members = document.objectValue else {
            throw WorkflowError(root, "expected a JSON object of nodes, found \(document.typeName)")
        }
        // A bare prompt may have a node whose id is "prompt"; a node's class_type is a string, whereas in an
        // envelope `prompt.class_type` can only be a node (an object) whose id happens to be "class_type".
        guard let envelopePrompt = members["prompt"], Self.isNodeMapOrAbsent(envelopePrompt["class_type"]) else {
            return PromptRequest(workflow: try parseWorkflow(document, at: root))
        }
        return try parseEnvelope(members, prompt: envelopePrompt)
    }

    /// Parses an API-format node map found at `path`.
    public func parseWorkflow(_ document: JSONValue, at path: JSONPath) throws(WorkflowError) -> Workflow {
        guard let members = document.objectValue else {
            throw WorkflowError(path, "expected a JSON object of nodes, found \(document.typeName)")
        }
        try rejectUIFormat(members, at: path)
        var problems: [WorkflowError.Problem] = []
        var nodes = OrderedDictionary<NodeID, WorkflowNode>(minimumCapacity: members.count)
        for (id, body) in members {
            if let node = parseNode(id: id, body: body, at: path.appending(id), problems: &problems) {
                nodes[id] = node
            }
        }
        let workflow = Workflow(nodes: nodes)
        problems += danglingLinks(in: workflow, documentIDs: members, at: path)
        if problems.isEmpty, let cycle = WorkflowTopology(workflow).cycle {
            let loop = (cycle + [cycle[0]]).joined(separator: " → ")
            problems.append(.init(path: path.appending(cycle[0]), message: "links form a cycle: \(loop)"))
        }
        guard problems.isEmpty else { throw WorkflowError(problems: problems) }
        return workflow
    }

    // MARK: envelope

    private func parseEnvelope(
        _ members: OrderedDictionary<String, JSONValue>,
        prompt: JSONValue
    ) throws(WorkflowError) -> PromptRequest {
        let root = JSONPath()
        var problems: [WorkflowError.Problem] = []
        var request = PromptRequest(workflow: Workflow(nodes: [:]))
        do {
            request.workflow = try parseWorkflow(prompt, at: root.appending("prompt"))
        } catch {
            problems += error.problems
        }
        switch members["extra_data"] {
        case nil, .null?: break
        case .object(let extra)?: request.extraData = extra
        case let other?: problems.append(.init(path: root.appending("extra_data"), message: "expected an object, found \(other.typeName)"))
        }
        switch members["client_id"] {
        case nil, .null?: break
        case .string(let id)?: request.clientID = id
        case let other?: problems.append(.init(path: root.appending("client_id"), message: "expected a string, found \(other.typeName)"))
        }
        switch members["prompt_id"] {
        case nil, .null?: break
        case .string(let id)?: request.promptID = id
        case .integer(let id)?: request.promptID = String(id)
        case let other?: problems.append(.init(path: root.appending("prompt_id"), message: "expected a string, found \(other.typeName)"))
        }
        switch members["number"] {
        case nil, .null?: break
        case .integer(let number)?: request.number = Double(number)
        case .double(let number)? where number.isFinite: request.number = number
        case let other?: problems.append(.init(path: root.appending("number"), message: "expected a finite number, found \(other)"))
        }
        switch members["front"] {
        case nil, .null?: break
        case .bool(let front)?: request.front = front
        case let other?: problems.append(.init(path: root.appending("front"), message: "expected a boolean, found \(other.typeName)"))
        }
        switch members["partial_execution_targets"] {
        case nil, .null?: break
        case .array(let targets)?:
            var ids: [NodeID] = []
            for (index, target) in targets.enumerated() {
                guard let id = target.stringValue else {
                    problems.append(
                        .init(
                            path: root.appending("partial_execution_targets").appending(index: index),
                            message: "expected a node id string, found \(target.typeName)"))
                    continue
                }
                ids.append(id)
            }
            request.partialExecutionTargets = ids
        case let other?:
            problems.append(
                .init(path: root.appending("partial_execution_targets"), message: "expected an array of node ids, found \(other.typeName)"))
        }
        if let clientID = request.clientID { request.extraData["client_id"] = .string(clientID) }
        guard problems.isEmpty else { throw WorkflowError(problems: problems) }
        return request
    }

    private static func isNodeMapOrAbsent(_ classType: JSONValue?) -> Bool {
        switch classType {
        case nil, .object?: true
        default: false
        }
    }

    private func rejectUIFormat(_ members: OrderedDictionary<String, JSONValue>, at path: JSONPath) throws(WorkflowError) {
        if members["nodes"]?.arrayValue != nil, members["links"]?.arrayValue != nil {
            throw WorkflowError(
                path,
                "this is a UI-format workflow (it has 'nodes' and 'links' arrays); export it in API format (\"Export (API)\" in ComfyUI) and run that"
            )
        }
    }

    // MARK: nodes

    private func parseNode(
        id: NodeID,
        body: JSONValue,
        at path: JSONPath,
        problems: inout [WorkflowError.Problem]
    ) -> WorkflowNode? {
        guard let fields = body.objectValue else {
            problems.append(.init(path: path, message: "expected a node object, found \(body.typeName)"))
            return nil
        }
        guard let classValue = fields["class_type"] else {
            problems.append(.init(path: path, message: "node is missing the class_type property"))
            return nil
        }
        guard let classType = classValue.stringValue else {
            problems.append(.init(path: path.appending("class_type"), message: "expected a string, found \(classValue.typeName)"))
            return nil
        }
        var inputs = OrderedDictionary<String, InputValue>()
        switch fields["inputs"] {
        case nil, .null?: break
        case .object(let given)?:
            inputs.reserveCapacity(given.count)
            for (name, value) in given {
                if let input = parseInput(value, at: path.appending("inputs").appending(name), problems: &problems) {
                    inputs[name] = input
                }
            }
        case let other?:
            problems.append(.init(path: path.appending("inputs"), message: "expected an object, found \(other.typeName)"))
        }
        return WorkflowNode(id: id, classType: classType, inputs: inputs, meta: fields["_meta"])
    }

    private func parseInput(_ value: JSONValue, at path: JSONPath, problems: inout [WorkflowError.Problem]) -> InputValue? {
        switch value {
        case .array(let elements):
            guard elements.count == 2, case .string(let source) = elements[0] else { return .malformedLink(value) }
            switch elements[1] {
            case .integer(let index) where index >= 0 && index <= Int128(Int32.max):
                return .link(source, Int(index))
            case .double(let index) where index >= 0 && index <= Double(Int32.max) && index.rounded() == index:
                return .link(source, Int(index))
            default:
                problems.append(.init(path: path.appending(index: 1), message: "bad output index \(elements[1]): expected a whole number ≥ 0"))
                return nil
            }
        case .object(let members) where members["__value__"] != nil:
            return .literal(members["__value__"]!)
        default:
            return .literal(value)
        }
    }

    /// Links to ids the document does not have. A link to a node that is present but malformed is not
    /// reported again: that node already has its own problem.
    private func danglingLinks(
        in workflow: Workflow,
        documentIDs: OrderedDictionary<String, JSONValue>,
        at path: JSONPath
    ) -> [WorkflowError.Problem] {
        var problems: [WorkflowError.Problem] = []
        for node in workflow.nodes.values {
            for (name, input) in node.inputs {
                if case .link(let source, _) = input, documentIDs[source] == nil {
                    problems.append(
                        .init(
                            path: path.appending(node.id).appending("inputs").appending(name),
                            message: "links to node '\(source)', which is not in the workflow"
                        ))
                }
            }
        }
        return problems
    }
}
