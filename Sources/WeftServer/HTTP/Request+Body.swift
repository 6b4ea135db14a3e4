import HTTPTypes
import Hummingbird
import NIOCore
import OrderedCollections
import WeftCore

extension Request {
    /// The whole body, refused with 413 when it is larger than `limit` bytes.
    func collectBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw APIError(
                .contentTooLarge, type: "body_too_large", message: "The request body is larger than the server accepts.",
                details: "limit \(limit) bytes (--max-upload-size)")
        }
    }

    /// The body parsed as JSON; an empty body is `nil`. Malformed JSON is a 400 naming line and column.
    func jsonBody(limit: Int) async throws -> JSONValue? {
        let buffer = try await collectBody(limit: limit)
        if buffer.readableBytes == 0 { return nil }
        do {
            return try JSONParser().parse(Array(buffer.readableBytesView))
        } catch {
            throw APIError.badRequest("invalid_json", "The request body is not valid JSON.", details: error.description)
        }
    }

    /// A query parameter, or nil when absent.
    func query(_ name: String) -> String? { uri.queryParameters.get(name) }
}
