import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Synchronization
package import WeftCore

/// A real OpenAI-compatible HTTP server on a loopback port (`POST /v1/chat/completions` and
/// `POST /v1/images/generations`) that answers each request with the next reply of a script (the last reply repeats)
/// and records what it received.
package final class MockOpenAIServer: Sendable {
    /// What one request carried.
    package struct Received: Sendable {
        package var authorization: String?
        package var body: JSONValue
    }

    private let script: Mutex<[MockReply]>
    private let requests = Mutex<[Received]>([])
    private let server: Mutex<LoopbackServer?> = Mutex(nil)
    private let inFlight = Mutex((now: 0, most: 0))

    package init(_ script: [MockReply]) {
        self.script = Mutex(script)
    }

    /// The base URL clients use, `http://127.0.0.1:PORT/v1`.
    package var baseURL: String { (server.withLock { $0?.origin } ?? "") + "/v1" }

    /// Every request received so far.
    package var received: [Received] { requests.withLock { $0 } }

    /// The most requests that were being answered at the same time.
    package var mostConcurrentRequests: Int { inFlight.withLock { $0.most } }

    /// Starts a server, runs `body` against it and stops the server.
    @discardableResult
    package static func with<T>(_ script: [MockReply], _ body: (MockOpenAIServer) async throws -> T) async throws -> T {
        let server = MockOpenAIServer(script)
        await server.start()
        defer { server.stop() }
        return try await body(server)
    }

    private func start() async {
        let router = Router(context: BasicWebSocketRequestContext.self)
        for path in ["v1/chat/completions", "v1/images/generations"] {
            router.post(RouterPath(path)) { [self] request, _ -> Response in
                let bytes = try await request.body.collect(upTo: 1 << 20)
                let body = try JSONParser().parse(Array(bytes.readableBytesView))
                requests.withLock { $0.append(Received(authorization: request.headers[.authorization], body: body)) }
                let reply = script.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
                inFlight.withLock { counts in
                    counts.now += 1
                    counts.most = max(counts.most, counts.now)
                }
                defer { inFlight.withLock { $0.now -= 1 } }
                return try await Self.respond(reply, model: body["model"]?.stringValue ?? "")
            }
        }
        let started = await LoopbackServer.start(router)
        server.withLock { $0 = started }
    }

    private func stop() {
        server.withLock { $0?.stop() }
    }

    private static func respond(_ reply: MockReply, model: String) async throws -> Response {
        switch reply {
        case .completion(let text, let finishReason):
            let body: JSONValue = [
                "id": "chatcmpl-1", "object": "chat.completion", "model": .string(model),
                "choices": [["index": 0, "message": ["role": "assistant", "content": .string(text)], "finish_reason": .string(finishReason)]],
                "usage": ["prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8],
            ]
            return json(200, body)
        case .stream(let pieces, let finishReason):
            let last: JSONValue = [
                "object": "chat.completion.chunk", "choices": [["index": 0, "delta": [:], "finish_reason": .string(finishReason)]],
            ]
            return eventStream(pieces.map(chunkEvent) + ["data: \(last.serialized())\n\n", "data: [DONE]\n\n"], stall: .zero)
        case .stalledStream(let pieces, let stall):
            return eventStream(pieces.map(chunkEvent) + ["data: [DONE]\n\n"], stall: stall)
        case .error(let status, let code, let message, let retryAfter):
            var response = json(
                status, ["error": ["message": .string(message), "type": "invalid_request_error", "code": code.map { .string($0) } ?? .null]])
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        case .raw(let status, let contentType, let body):
            return Response(
                status: .init(code: status), headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        case .huge(let bytes):
            let filler = String(repeating: "x", count: bytes)
            return json(200, ["choices": [["message": ["role": "assistant", "content": .string(filler)]]]])
        case .images(let images):
            let data: [JSONValue] = images.map { image in
                switch image {
                case .inline(let bytes): ["b64_json": .string(Data(bytes).base64EncodedString()), "revised_prompt": "a lighthouse"]
                case .link(let url): ["url": .string(url)]
                }
            }
            return json(200, ["created": 1_700_000_000, "data": .array(data)])
        case .delayed(let delay, let next):
            try await Task.sleep(for: delay)
            return try await respond(next, model: model)
        }
    }

    private static func chunkEvent(_ piece: String) -> String {
        let chunk: JSONValue = ["object": "chat.completion.chunk", "choices": [["index": 0, "delta": ["content": .string(piece)]]]]
        return "data: \(chunk.serialized())\n\n"
    }

    /// A `text/event-stream` response writing each event on its own, with a silence of `stall` before the last.
    private static func eventStream(_ events: [String], stall: Duration) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                // A client that hangs up (a timeout) or a server that stops ends the writes, never the finish:
                // NIO traps when a response writer goes away unfinished.
                do {
                    for (index, event) in events.enumerated() {
                        try await Task.sleep(for: index == events.count - 1 ? stall : .milliseconds(5))
                        try await writer.write(ByteBuffer(string: event))
                    }
                } catch {}
                try await writer.finish(nil)
            })
    }

    private static func json(_ status: Int, _ body: JSONValue) -> Response {
        MockResponses.json(status, body)
    }
}
