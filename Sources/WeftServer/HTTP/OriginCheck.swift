import Foundation
import HTTPTypes
import Hummingbird

/// ComfyUI's CSRF guard: when a request comes to a loopback host and carries an `Origin` whose host differs from
/// `Host`, it is refused, so a web page in the user's browser cannot drive a local server.
struct OriginCheck: RouterMiddleware {
    typealias Context = WeftRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let origin = request.headers[.origin], let host = request.head.authority,
            Self.isLoopback(host: host), !Self.matches(origin: origin, host: host)
        {
            throw APIError.forbidden("Cross-origin requests to a local server are refused.", details: "Origin: \(origin)")
        }
        return try await next(request, context)
    }

    static func isLoopback(host: String) -> Bool {
        let name = host.lowercased()
        let bare = name.hasPrefix("[") ? String(name.prefix { $0 != "]" }.dropFirst()) : String(name.split(separator: ":").first ?? "")
        return bare == "localhost" || bare.hasPrefix("127.") || bare == "::1"
    }

    /// Whether an Origin names the same host as the Host header: same name, and the same port when the origin
    /// states one (browsers always do for non-default ports; some WebSocket clients send no port at all).
    static func matches(origin: String, host: String) -> Bool {
        let originHost = hostPart(ofOrigin: origin)
        let requestHost = host.lowercased()
        if originHost == requestHost { return true }
        guard !originHost.contains(":") || originHost.hasPrefix("[") else { return false }
        return requestHost.split(separator: ":").first.map(String.init) == originHost
    }

    /// `http://127.0.0.1:8188` → `127.0.0.1:8188`.
    static func hostPart(ofOrigin origin: String) -> String {
        let lowered = origin.lowercased()
        guard let range = lowered.range(of: "://") else { return lowered }
        return String(lowered[range.upperBound...].prefix { $0 != "/" })
    }
}
