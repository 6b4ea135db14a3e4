import Foundation
import HTTPTypes
import MultipartKit
import NIOCore

/// A parsed `multipart/form-data` body: its parts by field name, with file names where parts carry files.
struct MultipartForm {
    /// One form field.
    struct Part {
        var name: String?
        var filename: String?
        var bytes: [UInt8] = []
    }

    var parts: [Part] = []

    func file(named name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }

    func text(named name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Parses a whole body; a malformed one is a 400.
    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        let parser = MultipartParser(boundary: boundary)
        var form = MultipartForm()
        var current = Part()
        parser.onHeader = { field, value in
            guard field.lowercased() == "content-disposition" else { return }
            current.name = parameter("name", in: value)
            current.filename = parameter("filename", in: value)
        }
        parser.onBody = { buffer in current.bytes += buffer.readableBytesView }
        parser.onPartComplete = {
            form.parts.append(current)
            current = Part()
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError.badRequest("invalid_multipart", "The multipart body could not be read.", details: "\(error)")
        }
        return form
    }

    /// A `key="value"` parameter of a Content-Disposition header.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
