import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OrderedCollections
import WeftCore
import WeftStore

/// `GET /view?filename=&subfolder=&type=`: serves a file from the user's output, input or temp folder, streamed,
/// with a safe Content-Type and never from outside that folder.
struct ViewRoute {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("view") { request, context in
            guard var filename = request.query("filename"), !filename.isEmpty else {
                throw APIError.badRequest("missing_parameter", "/view needs a filename.", details: "filename")
            }
            var type = request.query("type") ?? "output"
            let annotated = AnnotatedFileName(parsing: filename)
            if let folder = annotated.folder {
                filename = annotated.relativePath
                type = folder.rawValue
            }
            guard let root = services.folder(ofType: type, user: context.user) else {
                throw APIError.badRequest("invalid_parameter", "type takes output, input or temp.", details: "type=\(type)")
            }
            let url = try FileRequestPaths.resolve(root: root, subfolder: request.query("subfolder") ?? "", filename: filename)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw APIError.notFound("There is no file \(filename) in \(type).", details: filename)
            }
            if let rendition = try ImageRendition.requested(preview: request.query("preview"), channel: request.query("channel")) {
                let rendered = try await rendition.render(fileAt: url, name: filename)
                return Response(
                    status: .ok,
                    headers: [.contentType: rendered.contentType, .contentDisposition: Self.disposition(url.lastPathComponent)],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: rendered.bytes)))
            }
            let body = try await FileIO().loadFile(path: url.path, context: context)
            return Response(
                status: .ok,
                headers: [
                    .contentType: MediaType.forFileName(url.lastPathComponent),
                    .contentDisposition: Self.disposition(url.lastPathComponent),
                    HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                ],
                body: body)
        }
    }

    static func disposition(_ name: String) -> String {
        "filename=\"\(name.replacingOccurrences(of: "\"", with: ""))\""
    }
}
