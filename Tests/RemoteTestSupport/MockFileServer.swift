import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Synchronization

/// How the mock file server answers one request for a file.
package indirect enum FileReply: Sendable {
    /// The bytes, typed `contentType` when given.
    case file([UInt8], contentType: String?)
    /// A redirect with this status to `location`.
    case redirect(Int, location: String)
    /// An empty answer with this status and an optional `Retry-After`.
    case status(Int, retryAfter: String? = nil)
    /// A PNG-typed body of `bytes` bytes, written in 64 KiB pieces.
    case huge(bytes: Int)
    /// Waits, then answers.
    case delayed(Duration, FileReply)
}

/// A real HTTP server on a loopback port serving `GET /files/{name}` from per-name scripts (each request takes the
/// next reply; the last repeats; unknown names are 404) and recording every request.
package final class MockFileServer: Sendable {
    private let scripts: Mutex<[String: [FileReply]]>
    private let server: Mutex<LoopbackServer?> = Mutex(nil)
    /// What the server received.
    package let log = RequestLog()

    private init(_ scripts: [String: [FileReply]]) {
        self.scripts = Mutex(scripts)
    }

    /// Starts a server with `scripts`, runs `body` against it and stops the server.
    package static func with<T>(_ scripts: [String: [FileReply]], _ body: (MockFileServer) async throws -> T) async throws -> T {
        let mock = MockFileServer(scripts)
        await mock.start()
        defer { mock.stop() }
        return try await body(mock)
    }

    /// `http://127.0.0.1:PORT`.
    package var origin: String { server.withLock { $0?.origin } ?? "" }

    /// The URL of the file called `name`.
    package func url(_ name: String) -> String {
        "\(origin)/files/\(name)"
    }

    /// Replaces the script for `name`, for replies that need the server's own address.
    package func script(_ name: String, _ replies: [FileReply]) {
        scripts.withLock { $0[name] = replies }
    }

    private func start() async {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.get("files/:name") { [self] request, context -> Response in
            try await log.record(request)
            guard let reply = nextReply(for: context.parameters.get("name") ?? "") else { return MockResponses.empty(404) }
            return try await Self.respond(reply)
        }
        let started = await LoopbackServer.start(router)
        server.withLock { $0 = started }
    }

    private func stop() {
        server.withLock { $0?.stop() }
    }

    private func nextReply(for name: String) -> FileReply? {
        scripts.withLock { scripts in
            guard var replies = scripts[name], let first = replies.first else { return nil }
            if replies.count > 1 {
                replies.removeFirst()
                scripts[name] = replies
            }
            return first
        }
    }

    private static func respond(_ reply: FileReply) async throws -> Response {
        switch reply {
        case .file(let bytes, let contentType):
            return MockResponses.bytes(200, bytes, contentType: contentType)
        case .redirect(let status, let location):
            return MockResponses.empty(status, headers: [.location: location])
        case .status(let status, let retryAfter):
            return MockResponses.empty(status, headers: retryAfter.map { [.retryAfter: $0] } ?? [:])
        case .huge(let total):
            return Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody { writer in
                    // A client that stops reading (the size cap) ends the writes, never the finish: NIO traps when a
                    // response writer goes away unfinished.
                    do {
                        var sent = 0
                        while sent < total {
                            let piece = min(1 << 16, total - sent)
                            try await writer.write(ByteBuffer(repeating: 0x89, count: piece))
                            sent += piece
                        }
                    } catch {}
                    try await writer.finish(nil)
                })
        case .delayed(let delay, let next):
            try? await Task.sleep(for: delay)  // a stopping server cuts the wait short and still answers
            return try await respond(next)
        }
    }
}
