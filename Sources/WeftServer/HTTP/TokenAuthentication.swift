import Foundation
import HTTPTypes
import Hummingbird

/// Requires the configured token on every route but the static UI: `Authorization: Bearer <token>`, or `?token=`
/// on the routes a browser opens without headers (`/ws`, `/view`).
struct TokenAuthentication: RouterMiddleware {
    typealias Context = WeftRequestContext

    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.isPublic(request.uri.path) else { return try await next(request, context) }
        let presented = bearerToken(request) ?? queryToken(request)
        guard let presented, Self.constantTimeEqual(presented, token) else {
            throw APIError(
                .unauthorized, type: "unauthorized", message: "This server needs an access token.",
                details: "send Authorization: Bearer <token>")
        }
        return try await next(request, context)
    }

    private func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    private func queryToken(_ request: Request) -> String? {
        let path = request.uri.path
        let allowsQuery = ["/ws", "/api/ws", "/view", "/api/view"].contains(path)
        return allowsQuery ? request.query("token") : nil
    }

    /// The static web UI: `/` and files that are not API routes.
    static func isPublic(_ path: String) -> Bool {
        path == "/" || path == "/index.html" || path.hasPrefix("/assets/") || path == "/favicon.ico"
    }

    /// Compares without an early exit, so response time does not reveal how much of a guess was right.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
