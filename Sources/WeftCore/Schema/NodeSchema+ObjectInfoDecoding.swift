import OrderedCollections

extension NodeSchema {
    /// Reads a schema from ComfyUI's `/object_info` description of one node: how nodes known only at run time
    /// (a plugin process describing its nodes as JSON) become schemas the registry, the validator and the executor
    /// treat exactly like built-in ones. Rendering the result with ``objectInfo`` gives back the same JSON.
    ///
    /// - Throws: ``WorkflowError`` naming the JSON path of every field that does not fit.
    public init(objectInfo info: JSONValue, at path: JSONPath = JSONPath()) throws(WorkflowError) {
        var reader = ObjectInfoReader(info: info, path: path)
        let schema = reader.read()
        guard reader.problems.isEmpty, let schema else { throw WorkflowError(problems: reader.problems) }
        self = schema
    }
}

/// Collects the fields of one `/object_info` entry, noting every problem with its path.
private struct ObjectInfoReader {
    let info: JSONValue
    let path: JSONPath
    var problems: [WorkflowError.Problem] = []

    mutating func read() -> NodeSchema? {
        guard info.objectValue != nil else {
            problems.append(.init(path: path, message: "expected an object, found \(info.typeName)"))
            return nil
        }
        let className = string("name")
        let outputTypes = strings("output") ?? []
        let outputNames = strings("output_name")
        let outputLists = bools("output_is_list")
        let tooltips = strings("output_tooltips")
        let outputs = outputTypes.enumerated().map { index, type in
            OutputSpec(
                type,
                name: outputNames?[safe: index].flatMap { $0 == type ? nil : $0 },
                isList: outputLists?[safe: index] ?? false,
                tooltip: tooltips?[safe: index].flatMap { $0.isEmpty ? nil : $0 }
            )
        }
        let displayName = string("display_name")
        let schema = NodeSchema(
            className: className ?? "",
            displayName: displayName == className ? nil : displayName,
            category: string("category") ?? "sd",
            description: string("description") ?? "",
            module: string("python_module") ?? "custom_nodes",
            inputs: inputs(),
            outputs: outputs,
            isOutputNode: bool("output_node") ?? false,
            isDeprecated: bool("deprecated") ?? false,
            isExperimental: bool("experimental") ?? false,
            isAPINode: bool("api_node") ?? false
        )
        if className?.isEmpty != false {
            problems.append(.init(path: path.appending("name"), message: "a node needs a non-empty class name"))
        }
        return schema
    }

    private mutating func inputs() -> [InputSpec] {
        guard let sections = info["input"]?.objectValue else {
            problems.append(.init(path: path.appending("input"), message: "expected an object of input sections"))
            return []
        }
        var inputs: [InputSpec] = []
        for (sectionName, entries) in sections {
            let sectionPath = path.appending("input").appending(sectionName)
            guard let section = InputSection(rawValue: sectionName), let members = entries.objectValue else {
                problems.append(.init(path: sectionPath, message: "expected a required, optional or hidden object of inputs"))
                continue
            }
            for (name, entry) in members {
                if let input = input(name, entry, section: section, at: sectionPath.appending(name)) { inputs.append(input) }
            }
        }
        return inputs
    }

    private mutating func input(_ name: String, _ entry: JSONValue, section: InputSection, at path: JSONPath) -> InputSpec? {
        if section == .hidden {
            // V1 writes hidden inputs as bare strings, V3 as one-element arrays.
            guard let kind = entry.stringValue ?? entry.arrayValue?.first?.stringValue else {
                problems.append(.init(path: path, message: "expected a hidden input kind such as \"PROMPT\""))
                return nil
            }
            return InputSpec(name: name, section: .hidden, type: .named(kind))
        }
        guard let parts = entry.arrayValue, let first = parts.first, parts.count <= 2 else {
            problems.append(.init(path: path, message: "expected [type] or [type, options]"))
            return nil
        }
        let options = parts.count == 2 ? parts[1].objectValue : [:]
        guard let options else {
            problems.append(.init(path: path.appending(index: 1), message: "expected an options object"))
            return nil
        }
        switch first {
        case .string(let type): return InputSpec(name: name, section: section, type: .named(type), options: options)
        case .array(let choices): return InputSpec(name: name, section: section, type: .combo(choices), options: options)
        default:
            problems.append(.init(path: path.appending(index: 0), message: "expected a type name or a list of choices"))
            return nil
        }
    }

    // MARK: fields

    private mutating func string(_ key: String) -> String? {
        field(key) { $0.stringValue }
    }

    private mutating func bool(_ key: String) -> Bool? {
        field(key) { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    private mutating func strings(_ key: String) -> [String]? {
        field(key) { value in
            guard let elements = value.arrayValue else { return nil }
            let texts = elements.compactMap(\.stringValue)
            return texts.count == elements.count ? texts : nil
        }
    }

    private mutating func bools(_ key: String) -> [Bool]? {
        field(key) { value in
            guard let elements = value.arrayValue else { return nil }
            let flags = elements.compactMap { if case .bool(let flag) = $0 { flag } else { nil } }
            return flags.count == elements.count ? flags : nil
        }
    }

    /// The field converted, nil when absent or null; a field of the wrong shape is noted as a problem.
    private mutating func field<T>(_ key: String, _ convert: (JSONValue) -> T?) -> T? {
        guard let value = info[key], value != .null else { return nil }
        guard let converted = convert(value) else {
            problems.append(.init(path: path.appending(key), message: "unexpected \(value.typeName) for \(key)"))
            return nil
        }
        return converted
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
