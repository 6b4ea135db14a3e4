import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization
import WeftCore

/// A real WebSocket client connected to `/ws`, recording every JSON message it receives, for asserting what a
/// ComfyUI client would see and in which order.
final class SocketRecorder: Sendable {
    /// What has arrived so far.
    private final class Inbox: Sendable {
        let messages = Mutex<[JSONValue]>([])
        let binaryFrames = Mutex<[[UInt8]]>([])
    }

    private let inbox = Inbox()
    private let task: Task<Void, any Error>

    private init(url: String, firstMessage: String?, opened: AsyncThrowingStream<Void, any Error>.Continuation) {
        let inbox = inbox
        task = Task {
            var logger = Logger(label: "weft.test.ws")
            logger.logLevel = .critical
            do {
                try await WebSocketClient.connect(url: url, logger: logger) { inbound, outbound, _ in
                    if let firstMessage { try await outbound.write(.text(firstMessage)) }
                    opened.yield()
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        switch message {
                        case .text(let text):
                            if let value = try? JSONParser().parse(text) { inbox.messages.withLock { $0.append(value) } }
                        case .binary(let buffer):
                            inbox.binaryFrames.withLock { $0.append(Array(buffer.readableBytesView)) }
                        }
                    }
                }
                opened.finish()
            } catch {
                opened.finish(throwing: error)
            }
        }
    }

    /// Connects to `/ws?query`, sends `firstMessage` if given, and waits for the greeting `status` message. Throws
    /// when the upgrade is refused.
    static func connect(to server: TestServer, query: String, firstMessage: String? = nil) async throws -> SocketRecorder {
        let (opened, continuation) = AsyncThrowingStream.makeStream(of: Void.self)
        let recorder = SocketRecorder(url: "ws://127.0.0.1:\(server.port)/ws?\(query)", firstMessage: firstMessage, opened: continuation)
        for try await _ in opened { break }
        try await recorder.waitFor { $0["type"]?.stringValue == "status" }
        return recorder
    }

    /// Everything received so far.
    var received: [JSONValue] { inbox.messages.withLock { $0 } }

    /// The types of everything received so far, in order.
    var types: [String] { received.compactMap { $0["type"]?.stringValue } }

    /// The binary frames that arrived, in order.
    var binaryFrames: [[UInt8]] { inbox.binaryFrames.withLock { $0 } }
    /// Waits until a received message satisfies `condition`; returns it.
    @discardableResult
    func waitFor(timeout: Duration = .seconds(20), _ condition: (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = received.first(where: condition) { return match }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestServerError.timedOut("a WebSocket message; received \(types)")
    }

    /// Waits for ComfyUI's "done" signal for a prompt: `executing` with `node: null`.
    func waitForDone(_ promptID: String) async throws {
        try await waitFor { $0["type"] == "executing" && $0["data"]?["node"] == .null && $0["data"]?["prompt_id"]?.stringValue == promptID }
    }

    /// Messages about one prompt, in order (plus the `status` messages received between them).
    func messages(about promptID: String) -> [JSONValue] {
        received.filter { $0["data"]?["prompt_id"]?.stringValue == promptID }
    }

    func close() {
        task.cancel()
    }
}
