import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import OrderedCollections
import Synchronization
package import WeftCore

/// A real HTTP and WebSocket server on a loopback port speaking ComfyUI's API as clients see it: `POST /prompt`
/// queues a prompt (or refuses it with a scripted 400) and runs it at once, sending `execution_start`, `executing`,
/// `progress`, `executed` and `execution_success` (or `execution_error`, or `execution_interrupted` after a targeted
/// `POST /interrupt`) to the submitter's `/ws?clientId=` session; like ComfyUI, the history entry is written only after
/// `execution_success`, then `executing` with node null is sent. `GET /history/{id}` answers `{}` until then;
/// `GET /view` serves the saved images by filename, subfolder and type; `POST /queue` is acknowledged. Every request
/// is recorded; with a key set, requests without the right Bearer key are refused.
package final class MockComfyServer: Sendable {
    /// An image the prompt saves.
    package struct SavedImage: Sendable {
        package var node: String
        package var filename: String
        package var subfolder: String
        package var type: String
        package var bytes: [UInt8]

        /// An image saved by `node` under `filename`.
        package init(node: String, filename: String, subfolder: String, type: String, bytes: [UInt8]) {
            self.node = node
            self.filename = filename
            self.subfolder = subfolder
            self.type = type
            self.bytes = bytes
        }

        package var reference: JSONValue { ["filename": .string(filename), "subfolder": .string(subfolder), "type": .string(type)] }
    }

    /// How a queued prompt runs after its sampler steps.
    package enum Run: Sendable {
        /// It saves the images.
        case succeed
        /// A node raises.
        case raise(node: String, nodeType: String, exceptionType: String, message: String)
        /// It never ends unless interrupted.
        case hang
    }

    /// The server's behaviour.
    package struct Options: Sendable {
        package var webSocket = true
        package var steps = 3
        package var run = Run.succeed
        package var rejection: JSONValue?
        package var images: [SavedImage] = []
        package var key: String?
        /// How many `GET /history` requests are answered `{}` whatever the prompt's state, as for a slow prompt.
        package var unfinishedHistoryPolls = 0

        /// The options, each defaulted unless given.
        package init(
            webSocket: Bool = true, steps: Int = 3, run: Run = .succeed, rejection: JSONValue? = nil, images: [SavedImage] = [],
            key: String? = nil, unfinishedHistoryPolls: Int = 0
        ) {
            self.webSocket = webSocket
            self.steps = steps
            self.run = run
            self.rejection = rejection
            self.images = images
            self.key = key
            self.unfinishedHistoryPolls = unfinishedHistoryPolls
        }
    }

    package let options: Options
    /// What the server received.
    package let log = RequestLog()
    private let sockets = Mutex<[String: AsyncStream<String>.Continuation]>([:])
    private let history = Mutex<[String: JSONValue]>([:])
    private let interrupted = Mutex<Set<String>>([])
    private let prompts = Mutex(0)
    private let server: Mutex<LoopbackServer?> = Mutex(nil)

    private init(_ options: Options) {
        self.options = options
    }

    /// Starts a server, runs `body` against it and stops the server.
    package static func with<T>(_ options: Options, _ body: (MockComfyServer) async throws -> T) async throws -> T {
        let mock = MockComfyServer(options)
        await mock.start()
        defer { mock.stop() }
        return try await body(mock)
    }

    /// `http://127.0.0.1:PORT`.
    package var baseURL: String { server.withLock { $0?.origin } ?? "" }

    private func start() async {
        let router = Router(context: BasicWebSocketRequestContext.self)
        if options.webSocket {
            router.ws(
                "ws",
                shouldUpgrade: { [self] request, _ in
                    try await authorized(log.record(request)) ? .upgrade([:]) : .dontUpgrade
                }
            ) { [self] inbound, outbound, context in
                try await session(clientID: String(context.request.uri.queryParameters.get("clientId") ?? ""), inbound: inbound, outbound: outbound)
            }
        }
        router.post("prompt") { [self] request, _ in try await submit(log.record(request)) }
        router.get("history/:id") { [self] request, context in
            guard try await authorized(log.record(request)) else { return MockResponses.empty(401) }
            let id = context.parameters.get("id") ?? ""
            guard log.matching("GET", "/history/").count > options.unfinishedHistoryPolls else { return MockResponses.json(200, [:]) }
            return MockResponses.json(200, history.withLock { $0[id] }.map { [id: $0] } ?? [:])
        }
        router.get("view") { [self] request, _ in
            guard try await authorized(log.record(request)) else { return MockResponses.empty(401) }
            let query = request.uri.queryParameters
            let image = options.images.first {
                query.get("filename") == $0.filename && query.get("subfolder") == $0.subfolder && query.get("type") == $0.type
            }
            return image.map { MockResponses.bytes(200, $0.bytes, contentType: "image/png") } ?? MockResponses.empty(404)
        }
        router.post("queue") { [self] request, _ in
            try await authorized(log.record(request)) ? MockResponses.empty(200) : MockResponses.empty(401)
        }
        router.post("interrupt") { [self] request, _ in
            let received = try await log.record(request)
            guard authorized(received) else { return MockResponses.empty(401) }
            if let id = received.json?["prompt_id"]?.stringValue { interrupted.withLock { _ = $0.insert(id) } }
            return MockResponses.empty(200)
        }
        let started = await LoopbackServer.start(router, webSockets: options.webSocket)
        server.withLock { $0 = started }
    }

    private func stop() {
        server.withLock { $0?.stop() }
    }

    private func authorized(_ request: RecordedRequest) -> Bool {
        options.key.map { request.headers["authorization"] == "Bearer \($0)" } ?? true
    }

    /// Greets the session like ComfyUI, then writes what the prompts send it until the client leaves.
    private func session(clientID: String, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (messages, continuation) = AsyncStream.makeStream(of: String.self)
        sockets.withLock { $0[clientID] = continuation }
        defer { _ = sockets.withLock { $0.removeValue(forKey: clientID) } }
        let greeting: JSONValue = ["type": "status", "data": ["status": ["exec_info": ["queue_remaining": 0]], "sid": .string(clientID)]]
        try await outbound.write(.text(greeting.serialized()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in messages { try await outbound.write(.text(text)) }
            }
            group.addTask {
                for try await _ in inbound.messages(maxSize: 1 << 20) {}
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func submit(_ request: RecordedRequest) async throws -> Response {
        guard authorized(request) else { return MockResponses.empty(401) }
        if let rejection = options.rejection { return MockResponses.json(400, rejection) }
        guard let body = request.json, let prompt = body["prompt"] else {
            return MockResponses.json(
                400, ["error": ["type": "no_prompt", "message": "No prompt provided", "details": "", "extra_info": [:]], "node_errors": [:]])
        }
        let number = prompts.withLock { count in
            count += 1
            return count
        }
        let id = "prompt-\(number)"
        let client = body["client_id"]?.stringValue ?? ""
        let queueItem: JSONValue = [.integer(Int128(number)), .string(id), prompt, ["client_id": .string(client)], ["9"]]
        Task { try await execute(id, client: client, queueItem: queueItem) }
        return MockResponses.json(200, ["prompt_id": .string(id), "number": .integer(Int128(number)), "node_errors": [:]])
    }

    /// Runs a prompt the way ComfyUI reports one.
    private func execute(_ id: String, client: String, queueItem: JSONValue) async throws {
        try await Task.sleep(for: .milliseconds(20))
        send(["type": "progress", "data": ["value": 9, "max": 9, "prompt_id": "someone-elses-prompt", "node": "3"]], to: client)
        send(["type": "execution_start", "data": ["prompt_id": .string(id), "timestamp": 1_700_000_000_000]], to: client)
        send(["type": "execution_cached", "data": ["nodes": [], "prompt_id": .string(id), "timestamp": 1_700_000_000_001]], to: client)
        send(["type": "executing", "data": ["node": "3", "display_node": "3", "prompt_id": .string(id)]], to: client)
        for step in 1...options.steps {
            try await Task.sleep(for: .milliseconds(5))
            send(
                [
                    "type": "progress",
                    "data": ["value": .integer(Int128(step)), "max": .integer(Int128(options.steps)), "prompt_id": .string(id), "node": "3"],
                ], to: client)
        }
        let ending: (type: String, data: JSONValue, outputs: JSONValue)
        switch options.run {
        case .succeed:
            var grouped: OrderedDictionary<String, [JSONValue]> = [:]
            for image in options.images { grouped[image.node, default: []].append(image.reference) }
            let outputs = grouped.mapValues { JSONValue.object(["images": .array($0)]) }
            for (node, output) in outputs {
                send(["type": "executing", "data": ["node": .string(node), "display_node": .string(node), "prompt_id": .string(id)]], to: client)
                send(
                    [
                        "type": "executed",
                        "data": ["node": .string(node), "display_node": .string(node), "output": output, "prompt_id": .string(id)],
                    ], to: client)
            }
            ending = ("execution_success", ["prompt_id": .string(id), "timestamp": 1_700_000_000_009], .object(outputs))
        case .raise(let node, let nodeType, let exceptionType, let message):
            ending = (
                "execution_error",
                [
                    "prompt_id": .string(id), "node_id": .string(node), "node_type": .string(nodeType), "executed": ["4"],
                    "exception_message": .string(message), "exception_type": .string(exceptionType), "traceback": ["  File \"nodes.py\", line 1\n"],
                    "current_inputs": [:], "current_outputs": [], "timestamp": 1_700_000_000_009,
                ],
                [:]
            )
        case .hang:
            while !interrupted.withLock({ $0.contains(id) }) { try await Task.sleep(for: .milliseconds(5)) }
            ending = (
                "execution_interrupted",
                ["prompt_id": .string(id), "node_id": "3", "node_type": "KSampler", "executed": [], "timestamp": 1_700_000_000_009], [:]
            )
        }
        send(["type": .string(ending.type), "data": ending.data], to: client)
        try await Task.sleep(for: .milliseconds(20))
        let succeeded = ending.type == "execution_success"
        let entry: JSONValue = [
            "prompt": queueItem, "outputs": ending.outputs,
            "status": [
                "status_str": succeeded ? "success" : "error", "completed": .bool(succeeded),
                "messages": [
                    ["execution_start", ["prompt_id": .string(id), "timestamp": 1_700_000_000_000]], [.string(ending.type), ending.data],
                ],
            ],
            "meta": [:],
        ]
        history.withLock { $0[id] = entry }
        send(["type": "executing", "data": ["node": nil, "prompt_id": .string(id)]], to: client)
    }

    private func send(_ message: JSONValue, to client: String) {
        _ = sockets.withLock { $0[client] }?.yield(message.serialized())
    }
}
