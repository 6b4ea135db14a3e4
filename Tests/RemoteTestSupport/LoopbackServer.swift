package import Hummingbird
package import HummingbirdWebSocket
import Logging

/// A real Hummingbird server on 127.0.0.1 at a port the system picks, serving one router (and WebSocket upgrades
/// through it when asked), for the mock services the tests talk to.
package final class LoopbackServer: Sendable {
    /// The bound port.
    package let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts serving `router` and returns once the port is bound.
    package static func start(_ router: Router<BasicWebSocketRequestContext>, webSockets: Bool = false) async -> LoopbackServer {
        var logger = Logger(label: "weft.test.loopback")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: webSockets ? .http1WebSocketUpgrade(webSocketRouter: router) : .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        return LoopbackServer(port: await iterator.next() ?? 0, task: task)
    }

    /// `http://127.0.0.1:PORT`.
    package var origin: String { "http://127.0.0.1:\(port)" }

    /// Stops serving.
    package func stop() {
        task.cancel()
    }
}
