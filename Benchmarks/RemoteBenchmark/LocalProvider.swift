import Foundation
import Hummingbird
import Logging
import NIOCore

/// An OpenAI-compatible service on a loopback port for the benchmark: `/v1/images/generations` answers after a fixed
/// delay with one inline PNG; `/v1/chat/completions` answers at once.
struct LocalProvider {
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts the service; image requests wait `imageDelay` before answering with `png`.
    static func start(imageDelay: Duration, png: [UInt8]) async -> LocalProvider {
        let imageBody = #"{"created": 1, "data": [{"b64_json": "\#(Data(png).base64EncodedString())"}]}"#
        let chatBody =
            #"{"id": "c", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "A quiet harbour at dawn"}, "finish_reason": "stop"}]}"#
        let router = Router()
        router.post("v1/images/generations") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            try await Task.sleep(for: imageDelay)
            return json(imageBody)
        }
        router.post("v1/chat/completions") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return json(chatBody)
        }
        var logger = Logger(label: "bench-provider")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        return LocalProvider(port: await iterator.next() ?? 0, task: task)
    }

    /// `http://127.0.0.1:PORT/v1`.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    func stop() {
        task.cancel()
    }

    private static func json(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
