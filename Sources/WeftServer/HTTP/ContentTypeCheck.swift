import Foundation
import HTTPTypes
import Hummingbird

/// Refuses bodies whose declared type cannot be what a route reads.
enum ContentTypeCheck {
    /// JSON routes accept `application/json`, `text/plain`, no type at all, and form encoding — Python's urllib,
    /// used by ComfyUI's own example clients, labels JSON bodies that way.
    static func requireJSON(_ request: Request) throws {
        guard let declared = request.headers[.contentType]?.lowercased() else { return }
        let accepted = ["application/json", "text/plain", "application/x-www-form-urlencoded"]
        guard accepted.contains(where: { declared.hasPrefix($0) }) || declared.hasSuffix("+json") else {
            throw APIError(
                .unsupportedMediaType, type: "unsupported_media_type", message: "This route takes a JSON body.",
                details: "Content-Type: \(declared)")
        }
    }

    /// The multipart boundary of an upload, or a 415 naming what was sent instead.
    static func multipartBoundary(_ request: Request) throws -> String {
        let declared = request.headers[.contentType] ?? ""
        guard declared.lowercased().hasPrefix("multipart/form-data") else {
            throw APIError(
                .unsupportedMediaType, type: "unsupported_media_type", message: "Uploads must be multipart/form-data.",
                details: "Content-Type: \(declared)")
        }
        for parameter in declared.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        throw APIError.badRequest("invalid_multipart", "The multipart body has no boundary.", details: "Content-Type")
    }
}
