import HTTPTypes
import Hummingbird
import Logging

/// Turns every failure into a JSON error response: unknown routes, wrong methods, framework errors and unexpected
/// ones alike, so a client always gets `{"error": …}` and the server goes on serving.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = WeftRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Response.json(error.json, status: error.status)
        } catch let error as HTTPError {
            let apiError = Self.apiError(for: error, path: request.uri.path)
            return Response.json(apiError.json, status: apiError.status)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            let apiError = APIError(
                .internalServerError, type: "internal_error", message: "The server could not complete the request.", details: "\(error)")
            return Response.json(apiError.json, status: apiError.status)
        }
    }

    static func apiError(for error: HTTPError, path: String) -> APIError {
        switch error.status {
        case .notFound:
            APIError(.notFound, type: "not_found", message: "There is no route \(path).", details: path)
        case .methodNotAllowed:
            APIError(.methodNotAllowed, type: "method_not_allowed", message: "\(path) does not take this method.", details: path)
        case .contentTooLarge:
            APIError(.contentTooLarge, type: "body_too_large", message: "The request body is larger than the server accepts.", details: path)
        default:
            APIError(error.status, type: "http_error", message: error.body ?? error.status.reasonPhrase, details: path)
        }
    }
}
