import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import OrderedCollections
import Synchronization
import WeftCore
import WeftNodes
import WeftServer

/// A real `WeftServer` on an ephemeral loopback port with its own temporary data directory, and a small HTTP client
/// aimed at it. Every test starts its own and stops it with ``stop()``.
final class TestServer: Sendable {
    /// An HTTP answer: status, headers and body.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The first value of a header.
        func header(_ name: String) -> String? { headers.first(name: name) }

        /// The body as JSON; records a test failure and returns null when it is not JSON.
        var json: JSONValue {
            (try? JSONParser().parse(body)) ?? .null
        }
    }

    let port: Int
    let root: URL
    let configuration: ServerConfiguration
    private let task: Task<Void, any Error>

    private init(port: Int, root: URL, configuration: ServerConfiguration, task: Task<Void, any Error>) {
        self.port = port
        self.root = root
        self.configuration = configuration
        self.task = task
    }

    /// Starts a server in a fresh data directory (or `root`, to restart on the same data), after `configure` adjusts
    /// its configuration.
    static func start(
        root existingRoot: URL? = nil, extraNodes: [any Node] = [], configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        let root = existingRoot ?? FileManager.default.temporaryDirectory.appending(path: "weft-server-\(UUID().uuidString)")
        var configuration = ServerConfiguration(dataDirectory: root)
        configuration.port = 0
        configure(&configuration)
        var logger = Logger(label: "weft.test")
        logger.logLevel = .critical
        // As `weft serve` builds it: the loaders check the shared input folder unless files are per user.
        let imageSettings = ImageNodeSettings(directories: configuration.multiUser ? nil : configuration.directories)
        var registry = try BuiltinNodes.registry(imageSettings: imageSettings)
        for node in extraNodes { try registry.register(node) }
        let server = try WeftServer(configuration: configuration, registry: registry, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await server.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestServerError.didNotStart }
        return TestServer(port: port, root: root, configuration: configuration, task: task)
    }

    /// Stops the server and waits until it has.
    func stop(removingData: Bool = true) async {
        task.cancel()
        _ = try? await task.value
        if removingData { try? FileManager.default.removeItem(at: root) }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send("GET", path, body: nil, headers: headers)
    }

    /// POSTs JSON (`application/json`).
    func post(_ path: String, json: JSONValue, headers: [(String, String)] = []) async throws -> Reply {
        try await send("POST", path, body: Array(json.serialized().utf8), headers: [("Content-Type", "application/json")] + headers)
    }

    /// Sends any request with raw body bytes.
    func send(_ method: String, _ path: String, body: [UInt8]?, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// Submits a workflow for `clientID`; returns the prompt id, failing the test on anything but 200.
    func submit(
        _ workflow: JSONValue, clientID: String? = "tester", extra: OrderedDictionary<String, JSONValue> = [:], headers: [(String, String)] = []
    )
        async throws -> String
    {
        var body: OrderedDictionary<String, JSONValue> = ["prompt": workflow]
        if let clientID { body["client_id"] = .string(clientID) }
        for (key, value) in extra { body[key] = value }
        let reply = try await post("/prompt", json: .object(body), headers: headers)
        guard reply.status == 200, let id = reply.json["prompt_id"]?.stringValue else {
            throw TestServerError.refused(status: reply.status, body: reply.text)
        }
        return id
    }

    /// Polls `/history/{id}` until the entry exists; returns it.
    func waitForHistory(_ promptID: String, headers: [(String, String)] = [], timeout: Duration = .seconds(20)) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let reply = try await get("/history/\(promptID)", headers: headers)
            if let entry = reply.json[promptID] { return entry }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestServerError.timedOut("history of \(promptID)")
    }

    /// Polls until `condition` holds for `GET path`'s JSON.
    func waitUntil(_ path: String, timeout: Duration = .seconds(20), _ condition: (JSONValue) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(try await get(path).json) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestServerError.timedOut(path)
    }
}

/// Why a test server helper gave up.
enum TestServerError: Error, CustomStringConvertible {
    case didNotStart
    case refused(status: Int, body: String)
    case timedOut(String)

    var description: String {
        switch self {
        case .didNotStart: "the server did not start"
        case .refused(let status, let body): "the server answered \(status): \(body)"
        case .timedOut(let what): "timed out waiting for \(what)"
        }
    }
}
