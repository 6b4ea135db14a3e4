import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore
import OrderedCollections
import WeftCore
import WeftStore

/// `POST /upload/image` and `POST /upload/mask`: multipart uploads saved with ComfyUI's name-collision rule into the
/// user's input (or temp/output) folder, answered with `{name, subfolder, type}`. A mask upload is first merged into
/// the alpha channel of the image its `original_ref` names (``MaskMerge``).
struct UploadRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.post("upload/image") { request, context in try await upload(request, context: context, isMask: false) }
        router.post("upload/mask") { request, context in try await upload(request, context: context, isMask: true) }
    }

    private func upload(_ request: Request, context: WeftRequestContext, isMask: Bool) async throws -> Response {
        let boundary = try ContentTypeCheck.multipartBoundary(request)
        let body = try await request.collectBody(limit: services.bodyLimit)
        let form = try MultipartForm.parse(body, boundary: boundary)
        guard let file = form.file(named: "image"), let filename = file.filename, !filename.isEmpty else {
            throw APIError.badRequest("missing_file", "The upload needs a file part named image, with a filename.", details: "image")
        }
        let type = form.text(named: "type") ?? "input"
        guard let root = services.folder(ofType: type, user: context.user) else {
            throw APIError.badRequest("invalid_parameter", "type takes input, temp or output.", details: "type=\(type)")
        }
        let overwrite = ["true", "1"].contains(form.text(named: "overwrite")?.lowercased() ?? "")
        var bytes = file.bytes
        if isMask {
            let reference = try MaskMerge.Reference(field: form.text(named: "original_ref"))
            guard let originalRoot = services.folder(ofType: reference.type, user: context.user) else {
                throw APIError.badRequest("invalid_field", "original_ref's type takes input, temp or output.", details: "original_ref")
            }
            let original = try FileRequestPaths.resolve(root: originalRoot, subfolder: reference.subfolder, filename: reference.filename)
            guard FileManager.default.fileExists(atPath: original.path) else {
                throw APIError.notFound("There is no original image \(reference.filename).", details: "original_ref")
            }
            bytes = try await MaskMerge.merge(original: original, mask: bytes)
        }
        do {
            let stored = try UploadStore(root: root, type: type).save(
                bytes, filename: filename, subfolder: form.text(named: "subfolder") ?? "", overwrite: overwrite)
            return Response.json(["name": .string(stored.name), "subfolder": .string(stored.subfolder), "type": .string(stored.type)])
        } catch {
            switch error {
            case .unsafePath(let reason):
                throw FileRequestPaths.apiError(reason)
            case .write(let path, let reason):
                throw APIError(.internalServerError, type: "write_failed", message: "The upload could not be saved.", details: "\(path): \(reason)")
            }
        }
    }
}
