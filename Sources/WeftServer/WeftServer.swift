public import Foundation
import Hummingbird
import HummingbirdWebSocket
public import Logging
import NIOCore
import OrderedCollections
public import WeftCore
import WeftStore

/// The `weft serve` server: ComfyUI's HTTP and WebSocket API over a durable SQLite queue, with workers running
/// prompts through the executor and results kept on disk.
///
/// Create one with a configuration and a node registry, then `run()` it; it returns when the task is cancelled or
/// the process receives SIGTERM or SIGINT.
public struct WeftServer: Sendable {
    /// What the server was started with.
    public let configuration: ServerConfiguration
    private let services: ServerServices
    private let logger: Logger

    /// Opens the store (creating folders and the database as needed) and recovers prompts a previous process left
    /// running. `secretRedactor` keeps API keys out of the queue, history, events and errors. Throws when the
    /// database cannot be opened.
    public init(
        configuration: ServerConfiguration, registry: NodeRegistry, secretRedactor: (any SecretRedactor)? = nil, logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        try Self.prepareFolders(configuration.directories)
        let store = try JobStore(path: configuration.databasePath)
        let recovered = try store.recoverInterrupted(
            requeue: configuration.requeueInterrupted,
            message: "Weft stopped while this prompt was running; it was not finished.",
            now: ExecutionEvent.now())
        if !recovered.isEmpty {
            logger.warning(
                "prompts interrupted by the last shutdown",
                metadata: ["count": .stringConvertible(recovered.count), "requeued": .stringConvertible(configuration.requeueInterrupted)])
        }
        let hub = ClientHub()
        let metrics = ServerMetrics()
        let executor = PromptExecutor(
            cache: OutputCache(capacityBytes: configuration.cacheBytes),
            configuration: ExecutorConfiguration(maxConcurrentNodes: configuration.maxConcurrentNodes, redactor: secretRedactor))
        let directories = UserDirectories(base: configuration.directories, multiUser: configuration.multiUser)
        let runner = PromptRunner(
            registry: registry, executor: executor, directories: directories, hub: hub, metrics: metrics,
            webhook: WebhookNotifier(
                defaultURL: configuration.webhookURL, attempts: configuration.webhookAttempts,
                initialBackoff: configuration.webhookInitialBackoff, logger: logger),
            retention: HistoryRetention(
                store: store, maxItems: configuration.historyMaxItems, maxAge: configuration.historyMaxAge, logger: logger),
            logger: logger)
        let queue = try PromptQueue(
            store: store, registry: registry, redactor: secretRedactor, runner: runner, hub: hub, metrics: metrics, logger: logger)
        let features: JSONValue = ["supports_preview_metadata": true, "max_upload_size": .integer(Int128(configuration.maxUploadBytes))]
        services = ServerServices(
            configuration: configuration, queue: queue, store: store, hub: hub, metrics: metrics,
            directories: directories, catalog: ModelCatalog(modelsRoot: configuration.directories.models), executor: executor,
            objectInfo: registry.objectInfo, features: features)
    }

    /// Serves until cancelled or signalled. `onReady` receives the bound port once the server accepts connections.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        if configuration.authToken == nil, !OriginCheck.isLoopback(host: configuration.host) {
            logger.warning(
                "listening beyond this machine without an access token: anyone who can reach \(configuration.host) can run prompts and read results; set --auth-token"
            )
        }
        // One router answers both plain requests and WebSocket upgrades, so middleware (auth, users) applies alike.
        let router = makeRouter()
        let application = Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(
                    http1: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout))),
                    ws: .init(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(20))))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "weft"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let queue = services.queue
        let workers = configuration.workers
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await queue.runWorkers(count: workers) }
            group.addTask { try await application.runService() }
            // The application ends on a signal or cancellation; the workers then stop too.
            try await group.next()
            group.cancelAll()
        }
    }

    private func makeRouter() -> Router<WeftRequestContext> {
        let router = Router(context: WeftRequestContext.self)
        router.middlewares.add(JSONErrorMiddleware())
        router.middlewares.add(OriginCheck())
        if let staticRoot = configuration.staticRoot {
            router.middlewares.add(FileMiddleware(staticRoot.path, searchForIndexHtml: true, logger: logger))
        }
        router.middlewares.add(UserScope(enabled: configuration.multiUser))
        if let token = configuration.authToken {
            router.middlewares.add(TokenAuthentication(token: token))
        }
        registerRoutes(on: router)
        registerRoutes(on: router.group("api"))
        return router
    }

    private func registerRoutes(on router: some RouterMethods<WeftRequestContext>) {
        PromptRoutes(services: services).register(on: router)
        QueueRoutes(services: services).register(on: router)
        HistoryRoutes(services: services).register(on: router)
        JobRoutes(services: services).register(on: router)
        ControlRoutes(services: services).register(on: router)
        InfoRoutes(services: services).register(on: router)
        ViewRoute(services: services).register(on: router)
        UploadRoutes(services: services).register(on: router)
        MetricsRoute(services: services).register(on: router)
        WebSocketEndpoint(hub: services.hub, queue: services.queue, features: services.features).register(on: router)
    }

    /// Creates the data folders, and empties temp/ as ComfyUI does at start (previews of past runs).
    private static func prepareFolders(_ directories: DataDirectories) throws {
        let manager = FileManager.default
        try? manager.removeItem(at: directories.temp)
        for folder in [directories.root, directories.models, directories.input, directories.output, directories.temp, directories.user] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }
}
