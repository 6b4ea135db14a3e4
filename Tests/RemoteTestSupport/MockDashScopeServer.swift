import Hummingbird
import HummingbirdWebSocket
import OrderedCollections
import Synchronization
package import WeftCore

/// A real HTTP server on a loopback port speaking DashScope's asynchronous task protocol under `/api/v1`:
/// `POST services/aigc/text2image/image-synthesis` (which, like DashScope, insists on `X-DashScope-Async: enable`
/// and the right Bearer key) creates `task-N`; `GET tasks/{id}` answers from a script of task states (the last one
/// repeats; unknown ids are `UNKNOWN`); `POST tasks/{id}/cancel` is acknowledged. Every request is recorded.
package final class MockDashScopeServer: Sendable {
    /// How one creation request is answered.
    package enum Creation: Sendable {
        /// The task is created.
        case task
        /// A DashScope error body `{code, message, request_id}` with this status.
        case error(status: Int, code: String, message: String, retryAfter: String? = nil)
    }

    /// One result entry of a succeeded task.
    package enum Result: Sendable {
        case url(String)
        case failure(code: String, message: String)
    }

    /// How one poll is answered.
    package enum Poll: Sendable {
        case pending
        case running(finished: Int, total: Int)
        case succeeded([Result])
        case failed(code: String, message: String)
        case canceled
        /// An HTTP error status with a DashScope error body.
        case httpError(Int)
        /// Any JSON body with status 200.
        case raw(JSONValue)
    }

    package static let key = "sk-dashscope-test-0123456789"

    private let creations: Mutex<[Creation]>
    private let polls: Mutex<[Poll]>
    private let tasks = Mutex(0)
    private let server: Mutex<LoopbackServer?> = Mutex(nil)
    /// What the server received.
    package let log = RequestLog()

    private init(creations: [Creation], polls: [Poll]) {
        self.creations = Mutex(creations)
        self.polls = Mutex(polls)
    }

    /// Starts a server, runs `body` against it and stops the server.
    package static func with<T>(creations: [Creation] = [.task], polls: [Poll], _ body: (MockDashScopeServer) async throws -> T) async throws -> T {
        let mock = MockDashScopeServer(creations: creations, polls: polls)
        await mock.start()
        defer { mock.stop() }
        return try await body(mock)
    }

    /// The API root, `http://127.0.0.1:PORT/api/v1`.
    package var baseURL: String { (server.withLock { $0?.origin } ?? "") + "/api/v1" }

    private func start() async {
        let router = Router(context: BasicWebSocketRequestContext.self)
        let api = router.group("api/v1")
        api.post("services/aigc/text2image/image-synthesis") { [self] request, _ -> Response in
            let received = try await log.record(request)
            if received.headers["authorization"] != "Bearer \(Self.key)" {
                return Self.error(401, code: "InvalidApiKey", message: "Invalid API-key provided.")
            }
            if received.headers["x-dashscope-async"] != "enable" {
                return Self.error(403, code: "AccessDenied", message: "current user api does not support synchronous calls")
            }
            switch Self.next(creations) {
            case .task:
                let id = tasks.withLock { count in
                    count += 1
                    return "task-\(count)"
                }
                return MockResponses.json(200, ["output": ["task_status": "PENDING", "task_id": .string(id)], "request_id": "req-create"])
            case .error(let status, let code, let message, let retryAfter):
                return Self.error(status, code: code, message: message, retryAfter: retryAfter)
            }
        }
        api.get("tasks/:id") { [self] request, context -> Response in
            try await log.record(request)
            let id = context.parameters.get("id") ?? ""
            guard let number = Int(id.dropFirst("task-".count)), id.hasPrefix("task-"), number <= tasks.withLock({ $0 }) else {
                return MockResponses.json(200, ["request_id": "req-poll", "output": ["task_id": .string(id), "task_status": "UNKNOWN"]])
            }
            return Self.answer(Self.next(polls), id: id)
        }
        api.post("tasks/:id/cancel") { [self] request, _ -> Response in
            try await log.record(request)
            return MockResponses.json(200, ["request_id": "req-cancel"])
        }
        let started = await LoopbackServer.start(router)
        server.withLock { $0 = started }
    }

    private func stop() {
        server.withLock { $0?.stop() }
    }

    private static func next<Reply>(_ script: borrowing Mutex<[Reply]>) -> Reply {
        script.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
    }

    private static func answer(_ poll: Poll, id: String) -> Response {
        let times: [(String, JSONValue)] = [("submit_time", "2025-06-01 10:00:00.000"), ("scheduled_time", "2025-06-01 10:00:01.000")]
        var output: [(String, JSONValue)] = [("task_id", .string(id))]
        switch poll {
        case .pending:
            output += [("task_status", "PENDING")] + times.prefix(1)
        case .running(let finished, let total):
            output += [("task_status", "RUNNING")] + times
            output.append(("task_metrics", ["TOTAL": .integer(Int128(total)), "SUCCEEDED": .integer(Int128(finished)), "FAILED": 0]))
        case .succeeded(let results):
            let entries: [JSONValue] = results.map { result in
                switch result {
                case .url(let url): ["orig_prompt": "a lighthouse", "actual_prompt": "a lighthouse at dusk", "url": .string(url)]
                case .failure(let code, let message): ["code": .string(code), "message": .string(message)]
                }
            }
            let made = entries.filter { $0["url"] != nil }.count
            output += [("task_status", "SUCCEEDED")] + times + [("end_time", "2025-06-01 10:00:09.000"), ("results", .array(entries))]
            output.append(
                (
                    "task_metrics",
                    ["TOTAL": .integer(Int128(entries.count)), "SUCCEEDED": .integer(Int128(made)), "FAILED": .integer(Int128(entries.count - made))]
                ))
        case .failed(let code, let message):
            output += [("task_status", "FAILED")] + times + [("code", .string(code)), ("message", .string(message))]
        case .canceled:
            output += [("task_status", "CANCELED")] + times
        case .httpError(let status):
            return error(status, code: "InternalError", message: "an internal error occurred")
        case .raw(let body):
            return MockResponses.json(200, body)
        }
        return MockResponses.json(200, ["request_id": "req-poll", "output": .object(.init(output, uniquingKeysWith: { $1 }))])
    }

    private static func error(_ status: Int, code: String, message: String, retryAfter: String? = nil) -> Response {
        MockResponses.json(
            status, ["code": .string(code), "message": .string(message), "request_id": "req-error"],
            headers: retryAfter.map { [.retryAfter: $0] } ?? [:])
    }
}
