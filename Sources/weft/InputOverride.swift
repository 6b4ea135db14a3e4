import OrderedCollections
import WeftCore

/// One `--set NODE.INPUT=VALUE` option: a literal value for one input of one node.
///
/// The key is split on its last `.` (node ids such as `12:5` or `7.0` keep their own dots); the value is read as
/// JSON when it is valid JSON (numbers, `true`, quoted strings, arrays, objects) and taken as plain text otherwise.
struct InputOverride: Equatable, Sendable {
    /// The node whose input changes.
    var nodeID: NodeID
    /// The input's name.
    var inputName: String
    /// The literal value the input gets.
    var value: JSONValue
    /// The option as the user wrote it, for messages.
    var text: String

    /// Parses `NODE.INPUT=VALUE`; throws naming the option when it has no `=`, no `.` before it, or an empty part.
    init(parsing text: String) throws(InputOverrideError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputOverrideError(text, "expected NODE.INPUT=VALUE (e.g. 3.seed=7)")
        }
        let key = text[..<equals]
        guard let dot = key.lastIndex(of: ".") else {
            throw InputOverrideError(text, "expected NODE.INPUT before '=' (e.g. 3.seed=7)")
        }
        let node = String(key[..<dot])
        let input = String(key[key.index(after: dot)...])
        guard !node.isEmpty else { throw InputOverrideError(text, "the node id before '.' is empty") }
        guard !input.isEmpty else { throw InputOverrideError(text, "the input name after '.' is empty") }
        self.nodeID = node
        self.inputName = input
        self.value = Self.literal(from: String(text[text.index(after: equals)...]))
        self.text = text
    }

    /// A value as JSON when it parses as JSON, else as the plain string.
    static func literal(from text: String) -> JSONValue {
        (try? JSONParser().parse(text)) ?? .string(text)
    }

    /// Sets the input on the workflow's node. Throws when the node does not exist, or when its class is known and
    /// declares no such input (listing the inputs it has).
    func apply(to workflow: inout Workflow, registry: NodeRegistry) throws(InputOverrideError) {
        guard let node = workflow.nodes[nodeID] else {
            let known = workflow.nodes.keys.prefix(20).joined(separator: ", ")
            throw InputOverrideError(text, "the workflow has no node '\(nodeID)' (its nodes: \(known)\(workflow.nodes.count > 20 ? ", …" : ""))")
        }
        if let schema = registry[node.classType]?.schema, schema.input(named: inputName) == nil {
            let names = schema.inputs.filter { $0.section != .hidden }.map(\.name).joined(separator: ", ")
            throw InputOverrideError(text, "node '\(nodeID)' (\(node.classType)) has no input '\(inputName)' (its inputs: \(names))")
        }
        workflow.nodes[nodeID]!.inputs[inputName] = .literal(value)
    }
}

/// A `--set` option that is malformed or names a node or input the workflow does not have.
struct InputOverrideError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The option as written.
    var option: String
    /// What is wrong with it.
    var reason: String

    init(_ option: String, _ reason: String) {
        self.option = option
        self.reason = reason
    }

    var description: String { "--set \(option): \(reason)" }
}
