import WeftCore

/// What DashScope's `GET /tasks/{task_id}` says about an asynchronous task: `output.task_status`, the `code` and
/// `message` of a failure, `output.results` (each a `url`, or a `code` and `message` for an image that failed) and
/// `output.task_metrics` (`TOTAL`, `SUCCEEDED`, `FAILED`).
struct DashScopeTask: Equatable {
    /// `PENDING`, `RUNNING`, `SUCCEEDED`, `FAILED`, `CANCELED` or `UNKNOWN`.
    var status: String
    /// The failure code of a task that did not succeed (or of its first failed image), possibly empty.
    var code: String
    /// The failure message that goes with `code`, possibly empty.
    var message: String
    /// The URLs of the images made, in order.
    var urls: [String]
    /// How many images are finished (made or failed), when the service says.
    var finished: Int?
    /// How many images the task makes, when the service says.
    var total: Int?

    /// Reads a task from the answer's body.
    ///
    /// - Throws: `malformedResponse` when `output.task_status` is missing.
    init(_ body: JSONValue) throws(RemoteServiceError) {
        guard let output = body["output"], let status = output["task_status"]?.stringValue else {
            throw .malformedResponse("output.task_status is missing")
        }
        self.status = status
        let results = output["results"]?.arrayValue ?? []
        urls = results.compactMap { $0["url"]?.stringValue }
        let failure = results.first { $0["url"] == nil && $0["code"] != nil } ?? output
        code = Self.text(failure["code"])
        message = Self.text(failure["message"])
        let metrics = output["task_metrics"]
        total = Self.count(metrics?["TOTAL"])
        finished = Self.count(metrics?["SUCCEEDED"]).map { $0 + (Self.count(metrics?["FAILED"]) ?? 0) }
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        default: ""
        }
    }

    private static func count(_ value: JSONValue?) -> Int? {
        guard case .integer(let number) = value else { return nil }
        return Int(exactly: number)
    }
}
