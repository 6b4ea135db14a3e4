import Foundation
import Hummingbird
import Logging
import Synchronization
import WeftCore

/// A real HTTP server on a loopback port that records webhook deliveries and answers each with the next status
/// from a script (then 200 forever).
final class WebhookReceiver: Sendable {
    private let deliveries = Mutex<[JSONValue]>([])
    private let statuses: Mutex<[HTTPResponse.Status]>
    private let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    private let boundPort = Mutex(0)

    /// The port it listens on, once started.
    var port: Int { boundPort.withLock { $0 } }

    init(answering statuses: [HTTPResponse.Status]) {
        self.statuses = Mutex(statuses)
    }

    /// Starts listening; returns once the port is known.
    func start() async throws {
        let router = Router()
        router.post("hook") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            if let value = try? JSONParser().parse(Array(body.readableBytesView)) { deliveries.withLock { $0.append(value) } }
            let status = statuses.withLock { $0.isEmpty ? .ok : $0.removeFirst() }
            return Response(status: status)
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        task.withLock { $0 = Task { try await application.runService(gracefulShutdownSignals: []) } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        boundPort.withLock { $0 = port }
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Every delivery received so far.
    var received: [JSONValue] { deliveries.withLock { $0 } }

    /// Waits until `count` deliveries arrived.
    func waitForDeliveries(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = received
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestServerError.timedOut("\(count) webhook deliveries, got \(received.count)")
    }

    func stop() {
        task.withLock { $0?.cancel() }
    }
}
