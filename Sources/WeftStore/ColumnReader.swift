import GRDB
import WeftCore

/// Reads typed columns of one `jobs` row, reporting failures as corrupt columns of its prompt.
struct ColumnReader {
    /// The row being read.
    let row: Row
    /// The prompt id of the row, named in every error.
    let promptID: String

    /// Reads the `prompt_id` column, which every error message needs first.
    static func promptID(of row: Row) throws(JobStoreError) -> String {
        do {
            return try row.decode(String.self, atIndex: 0)
        } catch {
            throw .corruptRow(promptID: "?", column: "prompt_id", reason: String(describing: error))
        }
    }

    /// Reads a column as a plain value; a NULL into a non-optional type or a mistyped value is an error.
    func value<Value: DatabaseValueConvertible>(_ type: Value.Type, at index: Int, column: String) throws(JobStoreError) -> Value {
        do {
            return try row.decode(type, atIndex: index)
        } catch {
            throw .corruptRow(promptID: promptID, column: column, reason: String(describing: error))
        }
    }

    /// Reads and parses a JSON text column.
    func json(at index: Int, column: String) throws(JobStoreError) -> JSONValue {
        let text = try value(String.self, at: index, column: column)
        do {
            return try JSONParser().parse(text)
        } catch {
            throw .corruptRow(promptID: promptID, column: column, reason: error.description)
        }
    }

    /// Reads a JSON column that must hold an array of strings.
    func stringArray(at index: Int, column: String) throws(JobStoreError) -> [String] {
        let notStrings = JobStoreError.corruptRow(promptID: promptID, column: column, reason: "expected an array of strings")
        guard let elements = try json(at: index, column: column).arrayValue else { throw notStrings }
        var strings: [String] = []
        for element in elements {
            guard let string = element.stringValue else { throw notStrings }
            strings.append(string)
        }
        return strings
    }
}
