public import Hummingbird
public import HummingbirdWebSocket

/// Per-request state: Hummingbird's core storage, the WebSocket upgrade slot, and the user the request acts for.
public struct WeftRequestContext: RequestContext, WebSocketRequestContext {
    /// Hummingbird's per-request storage (logger, route parameters).
    public var coreContext: CoreRequestContextStorage
    /// Where a `/ws` route leaves its handler for the upgrade.
    public let webSocket: WebSocketHandlerReference<WeftRequestContext>
    /// The user whose queue, history and files this request sees (`default` unless `--multi-user`).
    public var user: String = UserScope.defaultUser

    /// A context for a new request; the user is `default` until ``UserScope`` says otherwise.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
