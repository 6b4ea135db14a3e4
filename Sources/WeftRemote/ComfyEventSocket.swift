import HTTPTypes
import HummingbirdWSClient
import Logging
import WeftCore

/// A session on a ComfyUI server's `/ws?clientId=`, delivering the JSON messages the server sends (binary preview
/// frames are skipped) until either side closes it.
final class ComfyEventSocket: Sendable {
    /// The messages in arrival order; the sequence ends when the connection closes or is cancelled.
    let messages: AsyncStream<JSONValue>
    private let connection: Task<Void, Never>

    private init(messages: AsyncStream<JSONValue>, connection: Task<Void, Never>) {
        self.messages = messages
        self.connection = connection
    }

    /// Opens a session at `url` (a `ws` or `wss` URL) sending `headers` with the upgrade request, and waits for the
    /// server's first message (ComfyUI's greeting); nil when the server refuses the upgrade, cannot be reached, or
    /// does not greet within `timeout`.
    static func open(url: String, headers: [(name: String, value: String)], timeout: Duration) async -> ComfyEventSocket? {
        let (opened, openedContinuation) = AsyncStream.makeStream(of: Bool.self)
        let (messages, messageContinuation) = AsyncStream.makeStream(of: JSONValue.self)
        var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 22, closeTimeout: .seconds(1))
        for header in headers {
            if let name = HTTPField.Name(header.name) { configuration.additionalHeaders[name] = header.value }
        }
        let logger = Logger(label: "weft.remote.comfy-socket", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = Task {
            do {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
                    var greeted = false
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        // The server greets a new session with `status` once it is registered, so nothing sent to
                        // this client id after the greeting can be missed.
                        if !greeted {
                            greeted = true
                            openedContinuation.yield(true)
                        }
                        guard case .text(let text) = message, let value = try? JSONParser().parse(text) else { continue }
                        messageContinuation.yield(value)
                    }
                }
            } catch {
                // A refused upgrade and a dropped connection both just end the messages; the caller then reads the history.
            }
            openedContinuation.yield(false)
            openedContinuation.finish()
            messageContinuation.finish()
        }
        let didOpen = (try? await Deadline(timeout).run { await opened.first { _ in true } ?? false }) ?? false
        guard didOpen else {
            connection.cancel()
            return nil
        }
        return ComfyEventSocket(messages: messages, connection: connection)
    }

    /// Closes the session.
    func close() {
        connection.cancel()
    }
}
