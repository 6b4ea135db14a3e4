public import Hummingbird
public import HummingbirdWebSocket

/// Per-request state: Hummingbird's core storage, the WebSocket upgrade slot, and the user the request acts for.
public struct WeftRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<WeftRequestContext>
    /// The user whose queue, history and files this request sees (`default` unless `--multi-user`).
    public var user: String = UserScope.defaultUser

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
