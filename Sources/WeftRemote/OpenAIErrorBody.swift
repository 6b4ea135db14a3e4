import WeftCore

/// What an OpenAI-compatible service said about a failure: `{"error": {"message", "type", "code"}}`, a bare
/// `{"error": "text"}`, or DashScope's `{"code", "message"}`.
struct OpenAIErrorBody: Equatable {
    /// The human-readable message, possibly empty.
    var message: String
    /// The machine-readable code or type, such as `model_not_found` or `insufficient_quota`, possibly empty.
    var code: String

    /// Reads the error from a parsed body; nil when the body holds none.
    init?(_ body: JSONValue) {
        if let error = body["error"] {
            if let text = error.stringValue {
                self.message = text
                self.code = ""
                return
            }
            guard error.objectValue != nil else { return nil }
            self.message = error["message"]?.stringValue ?? ""
            self.code = Self.text(error["code"]) ?? error["type"]?.stringValue ?? ""
            return
        }
        guard let code = Self.text(body["code"]), let message = body["message"]?.stringValue else { return nil }
        self.message = message
        self.code = code
    }

    /// Reads the error from a raw body; an empty error when the body is not JSON or holds none.
    init(bytes: [UInt8]) {
        if let body = try? JSONParser().parse(bytes), let error = OpenAIErrorBody(body) {
            self = error
        } else {
            self.message = ""
            self.code = ""
        }
    }

    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }
}
