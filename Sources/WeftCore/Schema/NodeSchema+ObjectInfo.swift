import OrderedCollections

extension NodeSchema {
    /// The node as ComfyUI's `/object_info` describes a classic (V1) node, key for key and in the same order:
    /// `input`, `input_order`, `output`, `output_is_list`, `output_name`, `name`, `display_name`,
    /// `description`, `python_module`, `category`, `output_node`, then `output_tooltips`, `deprecated`,
    /// `experimental` and `api_node` only when set.
    public var objectInfo: JSONValue {
        var sections = OrderedDictionary<String, JSONValue>()
        var order = OrderedDictionary<String, JSONValue>()
        for section in InputSection.allCases {
            let declared = inputs.filter { $0.section == section }
            guard section == .required || !declared.isEmpty else { continue }
            var entries = OrderedDictionary<String, JSONValue>()
            for input in declared { entries[input.name] = input.objectInfoEntry }
            sections[section.rawValue] = .object(entries)
            order[section.rawValue] = .array(declared.map { .string($0.name) })
        }
        var info: OrderedDictionary<String, JSONValue> = [
            "input": .object(sections),
            "input_order": .object(order),
            "output": .array(outputs.map { .string($0.type) }),
            "output_is_list": .array(outputs.map { .bool($0.isList) }),
            "output_name": .array(outputs.map { .string($0.name ?? $0.type) }),
            "name": .string(className),
            "display_name": .string(displayName ?? className),
            "description": .string(description),
            "python_module": .string(module),
            "category": .string(category),
            "output_node": .bool(isOutputNode),
        ]
        if outputs.contains(where: { $0.tooltip != nil }) {
            info["output_tooltips"] = .array(outputs.map { .string($0.tooltip ?? "") })
        }
        if isDeprecated { info["deprecated"] = true }
        if isExperimental { info["experimental"] = true }
        if isAPINode { info["api_node"] = true }
        return .object(info)
    }
}

extension InputSpec {
    /// `[type, options]` (options omitted when empty); a combo's type is its choices array; a hidden input is
    /// the bare kind string.
    var objectInfoEntry: JSONValue {
        if section == .hidden { return .string(type.name) }
        let typeValue: JSONValue =
            switch type {
            case .named(let name): .string(name)
            case .combo(let choices): .array(choices)
            }
        return options.isEmpty ? .array([typeValue]) : .array([typeValue, .object(options)])
    }
}

extension NodeRegistry {
    /// `GET /object_info`: every node's info keyed by class name, in registration order.
    public var objectInfo: JSONValue {
        .object(nodes.mapValues(\.schema.objectInfo))
    }
}
