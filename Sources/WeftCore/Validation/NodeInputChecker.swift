import OrderedCollections

/// What checking one node's own inputs found: its errors and its resolved inputs.
struct CheckedNode {
    var errors: [ValidationError] = []
    /// Resolved inputs for the plan (declared inputs given, plus undeclared links).
    var inputs = OrderedDictionary<String, PlannedInput>()
    /// Literals after conversion, to write back into the stored workflow.
    var coercedLiterals = OrderedDictionary<String, JSONValue>()
}

/// Checks one node's inputs against its schema (ComfyUI's `validate_inputs` minus the recursion, which
/// ``PromptValidator`` does iteratively).
struct NodeInputChecker {
    let node: WorkflowNode
    let nodeClass: NodeClass
    let workflow: Workflow
    let schemas: (String) -> NodeSchema?

    /// Combos with more options than this are summarised in messages, as ComfyUI does.
    private static let listedOptionsLimit = 20

    private var schema: NodeSchema { nodeClass.schema }

    func check() -> CheckedNode {
        var result = CheckedNode()
        var literalInputs = NodeInputs()
        for spec in schema.inputs where spec.section != .hidden {
            guard let given = node.inputs[spec.name] else {
                if spec.section == .required {
                    result.errors.append(
                        ValidationError(
                            kind: .requiredInputMissing, message: "Required input is missing", details: spec.name,
                            extraInfo: ["input_name": .string(spec.name)]
                        ))
                }
                continue
            }
            switch given {
            case .malformedLink(let value):
                result.errors.append(
                    badLink(spec.name, config: spec.objectInfoEntry, received: value, reason: "must be a length-2 list of [node_id, slot_index]"))
            case .link(let source, let slot):
                if let error = checkLink(spec, source: source, slot: slot) {
                    result.errors.append(error)
                } else {
                    result.inputs[spec.name] = .link(source, slot)
                }
            case .literal(let literal):
                switch LiteralCoercion.coerce(literal, to: spec.type) {
                case .failure(let failure):
                    result.errors.append(
                        ValidationError(
                            kind: .invalidInputType, message: "Failed to convert an input value to a \(spec.type.name) value",
                            details: "\(spec.name), \(literal.pythonRepr), \(failure.reason)",
                            extraInfo: info(spec, received: literal, extra: ["exception_message": .string(failure.reason)])
                        ))
                case .success(let value):
                    if !nodeClass.customValidatedInputs.contains(spec.name) {
                        result.errors += checkBounds(spec, value: value, literal: literal)
                    }
                    result.inputs[spec.name] = .value(value)
                    if let json = value.json, json != literal { result.coercedLiterals[spec.name] = json }
                    literalInputs.lists[spec.name] = [value]
                }
            }
        }
        for (name, given) in node.inputs where schema.input(named: name) == nil {
            guard case .link(let source, let slot) = given else { continue }
            if let error = checkSlot(name, config: .null, source: source, slot: slot).error {
                result.errors.append(error)
            } else {
                result.inputs[name] = .link(source, slot)
            }
        }
        for failure in nodeClass.node.validateInputs(literalInputs) {
            let spec = schema.input(named: failure.inputName)
            var extra: OrderedDictionary<String, JSONValue> = [
                "input_name": .string(failure.inputName), "input_config": spec?.objectInfoEntry ?? .null,
            ]
            if case .literal(let literal)? = node.inputs[failure.inputName] { extra["received_value"] = literal }
            result.errors.append(
                ValidationError(
                    kind: .customValidationFailed, message: "Custom validation failed for node",
                    details: "\(failure.inputName) - \(failure.message)", extraInfo: extra
                ))
        }
        return result
    }

    // MARK: links

    private func checkLink(_ spec: InputSpec, source: NodeID, slot: Int) -> ValidationError? {
        let (received, error) = checkSlot(spec.name, config: spec.objectInfoEntry, source: source, slot: slot)
        if let error { return error }
        guard let received, !TypeCompatibility.accepts(input: spec.type, received: received) else { return nil }
        return ValidationError(
            kind: .returnTypeMismatch, message: "Return type mismatch between linked nodes",
            details: "\(spec.name), received_type(\(received)) mismatch input_type(\(spec.type.name))",
            extraInfo: [
                "input_name": .string(spec.name), "input_config": spec.objectInfoEntry,
                "received_type": .string(received), "linked_node": .array([.string(source), .integer(Int128(slot))]),
            ]
        )
    }

    /// The type on the source's output slot, or an error when the source has no such slot.
    private func checkSlot(_ name: String, config: JSONValue, source: NodeID, slot: Int) -> (type: String?, error: ValidationError?) {
        guard let sourceNode = workflow.nodes[source], let sourceSchema = schemas(sourceNode.classType) else {
            return (nil, nil)
        }
        guard slot < sourceSchema.outputs.count else {
            let count = sourceSchema.outputs.count
            let reason = "node \(source) (\(sourceNode.classType)) has no output \(slot); it has \(count) output\(count == 1 ? "" : "s")"
            return (nil, badLink(name, config: config, received: .array([.string(source), .integer(Int128(slot))]), reason: reason))
        }
        return (sourceSchema.outputs[slot].type, nil)
    }

    private func badLink(_ name: String, config: JSONValue, received: JSONValue, reason: String) -> ValidationError {
        ValidationError(
            kind: .badLinkedInput, message: "Bad linked input, \(reason)", details: name,
            extraInfo: ["input_name": .string(name), "input_config": config, "received_value": received]
        )
    }

    // MARK: literals

    private func checkBounds(_ spec: InputSpec, value: Value, literal: JSONValue) -> [ValidationError] {
        var errors: [ValidationError] = []
        if let minimum = spec.minimum, let order = NumericOrder.compare(value, minimum), order == .smaller {
            errors.append(
                ValidationError(
                    kind: .valueSmallerThanMin, message: "Value \(value.pythonText) smaller than min of \(minimum.pythonRepr)",
                    details: spec.name, extraInfo: info(spec, received: literal)
                ))
        }
        if let maximum = spec.maximum, let order = NumericOrder.compare(value, maximum), order == .bigger {
            errors.append(
                ValidationError(
                    kind: .valueBiggerThanMax, message: "Value \(value.pythonText) bigger than max of \(maximum.pythonRepr)",
                    details: spec.name, extraInfo: info(spec, received: literal)
                ))
        }
        if case .combo(let choices) = spec.type, let json = value.json, !choices.contains(where: { NumericOrder.equal($0, json) }) {
            let summarised = choices.count > Self.listedOptionsLimit
            let listing = summarised ? "(list of length \(choices.count))" : JSONValue.array(choices).pythonRepr
            var extra = info(spec, received: literal)
            if summarised { extra["input_config"] = .null }
            errors.append(
                ValidationError(
                    kind: .valueNotInList, message: "Value not in list",
                    details: "\(spec.name): '\(value.pythonText)' not in \(listing)", extraInfo: extra
                ))
        }
        return errors
    }

    private func info(_ spec: InputSpec, received: JSONValue, extra: OrderedDictionary<String, JSONValue> = [:]) -> OrderedDictionary<
        String, JSONValue
    > {
        var info: OrderedDictionary<String, JSONValue> = [
            "input_name": .string(spec.name), "input_config": spec.objectInfoEntry, "received_value": received,
        ]
        info.merge(extra) { _, new in new }
        return info
    }
}
