import OrderedCollections
import WeftCore

/// Reads ComfyUI's refusal of a prompt (`POST /prompt` → 400 `{"error": {type, message, details}, "node_errors":
/// {id: {class_type, errors: [{message, details}]}}}`, or `{"error": "text"}` from older servers) as one sentence.
enum ComfyPromptRejection {
    /// The error's message and details, then each failing node's errors; nil when `body` holds no `error`.
    static func message(in body: JSONValue) -> String? {
        guard let error = body["error"] else { return nil }
        var parts = [error.stringValue ?? sentence(error)]
        for (node, report) in body["node_errors"]?.objectValue ?? [:] {
            let named = "node \(node)" + (report["class_type"]?.stringValue.map { " (\($0))" } ?? "")
            for failure in report["errors"]?.arrayValue ?? [] {
                parts.append("\(named): \(sentence(failure))")
            }
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// `message: details` of one error object, leaving out whichever is empty.
    private static func sentence(_ error: JSONValue) -> String {
        [error["message"]?.stringValue, error["details"]?.stringValue].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
