import Foundation

/// Builds `multipart/form-data` bodies the way browsers and ComfyUI clients send uploads.
struct Multipart {
    let boundary = "weft-test-\(UUID().uuidString)"
    private(set) var body: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// Adds a text field.
    mutating func field(_ name: String, _ value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    /// Adds a file part.
    mutating func file(_ name: String, filename: String, bytes: [UInt8], type: String = "image/png") {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n")
        body += bytes
        append("\r\n")
    }

    /// The finished body.
    func finished() -> [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }

    private mutating func append(_ text: String) { body += Array(text.utf8) }
}

extension TestServer {
    /// POSTs an upload to `/upload/image`.
    func upload(
        _ filename: String, bytes: [UInt8], subfolder: String? = nil, type: String? = nil, overwrite: Bool = false, headers: [(String, String)] = []
    ) async throws -> Reply {
        var form = Multipart()
        form.file("image", filename: filename, bytes: bytes)
        if let subfolder { form.field("subfolder", subfolder) }
        if let type { form.field("type", type) }
        if overwrite { form.field("overwrite", "true") }
        return try await send("POST", "/upload/image", body: form.finished(), headers: [("Content-Type", form.contentType)] + headers)
    }
}
