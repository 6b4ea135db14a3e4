import HTTPTypes
import Hummingbird

/// Picks the user a request acts for: with `--multi-user`, the `Comfy-User` header (or `?user=` on a WebSocket
/// upgrade, which browsers cannot give headers); otherwise everyone is `default`.
struct UserScope: RouterMiddleware {
    typealias Context = WeftRequestContext

    static let defaultUser = "default"
    static let headerName = HTTPField.Name("Comfy-User")!

    let enabled: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard enabled else { return try await next(request, context) }
        var context = context
        if let named = request.headers[Self.headerName] ?? request.query("user") {
            guard Self.isValid(named) else {
                throw APIError.badRequest(
                    "invalid_user", "The user name may use letters, digits, '-', '_' and '.', up to 64 characters.",
                    details: "Comfy-User")
            }
            context.user = named
        }
        return try await next(request, context)
    }

    /// A user name becomes a folder name, so it is kept to a safe alphabet.
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name != "." && name != ".."
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }
}
