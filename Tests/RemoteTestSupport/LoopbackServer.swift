package import Hummingbird
package import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// A real Hummingbird server on 127.0.0.1 at a port the system picks, serving one router (and WebSocket upgrades
/// through it when asked), for the mock services the tests talk to.
package final class LoopbackServer: Sendable {
    /// The bound port.
    package let port: Int
    private let group: ServiceGroup

    private init(port: Int, group: ServiceGroup) {
        self.port = port
        self.group = group
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
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: application)], logger: logger))
        Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        return LoopbackServer(port: await iterator.next() ?? 0, group: group)
    }

    /// `http://127.0.0.1:PORT`.
    package var origin: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting connections and lets requests in flight finish in the background. (Cancelling the server
    /// instead would cut off a request still being answered, a slow reply a test gave up on, and NIO traps on the
    /// response writer it drops.)
    package func stop() {
        let group = group
        Task { await group.triggerGracefulShutdown() }
    }
}
