import WeftCore

/// What one ComfyUI execution message means for the prompt being followed. Messages arrive as `{"type", "data"}`
/// on `/ws`, and the terminal ones are also kept as `[type, data]` pairs in a history entry's `status.messages`.
enum ComfyExecutionEvent: Equatable {
    /// The prompt started, or one of its nodes did (`execution_start`, `executing` with a node).
    case running
    /// A node reported progress (`progress`: `value` of `max`, sampler steps for KSampler).
    case progress(value: Int, total: Int)
    /// The prompt finished (`execution_success`, or `executing` with node null).
    case finished
    /// The prompt failed or was interrupted (`execution_error`, `execution_interrupted`).
    case failed(RemoteServiceError)

    /// The event a message of `type` with `data` means for `promptID`; nil for messages about another prompt and
    /// for those that tell nothing about progress.
    init?(type: String, data: JSONValue, promptID: String) {
        if let other = data["prompt_id"]?.stringValue, other != promptID { return nil }
        switch type {
        case "execution_start":
            self = .running
        case "executing":
            self = data["node"] == .null ? .finished : .running
        case "execution_success":
            self = .finished
        case "progress":
            guard case .integer(let value)? = data["value"], case .integer(let total)? = data["max"],
                let value = Int(exactly: value), let total = Int(exactly: total)
            else { return nil }
            self = .progress(value: value, total: total)
        case "execution_error":
            let message = data["exception_message"]?.stringValue ?? ""
            self = .failed(.taskFailed(status: type, code: data["exception_type"]?.stringValue ?? "", message: Self.node(data) + message))
        case "execution_interrupted":
            self = .failed(.taskFailed(status: type, code: "", message: Self.node(data) + "the prompt was interrupted"))
        default:
            return nil
        }
    }

    /// `node 3 (KSampler): `, naming the node a failure happened in, or nothing when the message names none.
    private static func node(_ data: JSONValue) -> String {
        guard let id = data["node_id"]?.stringValue else { return "" }
        return "node \(id)" + (data["node_type"]?.stringValue.map { " (\($0))" } ?? "") + ": "
    }
}
