import OrderedCollections
import WeftCore

/// Python's `json.dumps(value, indent=4)`: one item per line, four spaces per level, `", "`-free separators
/// (`","` at line ends, `": "` after keys), non-ASCII escaped, `NaN`/`Infinity` for non-finite floats.
enum PythonJSONIndenter {
    /// The indented text of a JSON value.
    static func dumps(_ value: JSONValue) -> String {
        var output = ""
        write(value, depth: 0, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, depth: Int, into output: inout String) {
        let inner = String(repeating: " ", count: 4 * (depth + 1))
        let outer = String(repeating: " ", count: 4 * depth)
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "[\n"
            for (index, element) in elements.enumerated() {
                if index > 0 { output += ",\n" }
                output += inner
                write(element, depth: depth + 1, into: &output)
            }
            output += "\n" + outer + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            for (index, member) in members.enumerated() {
                if index > 0 { output += ",\n" }
                output += inner + JSONValue.string(member.key).serialized(style: .python) + ": "
                write(member.value, depth: depth + 1, into: &output)
            }
            output += "\n" + outer + "}"
        default:
            // Scalars and empty containers print the same with or without indentation.
            output += value.serialized(style: .python)
        }
    }
}
