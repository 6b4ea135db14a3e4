import Foundation
import HTTPTypes
import NIOPosix
import WeftCore
import WeftImage

/// `POST /upload/mask`'s image work, as ComfyUI does it: the original image (named by `original_ref`) gets the
/// uploaded mask's alpha channel and is saved as PNG (compression 4), keeping the original's PNG text chunks so its
/// embedded workflow survives.
struct MaskMerge {
    /// The original's location, from the `original_ref` form field (`{"filename", "subfolder", "type"}`; the
    /// filename may carry a ` [input]`-style annotation).
    struct Reference {
        var filename: String
        var subfolder: String
        var type: String

        init(field: String?) throws {
            guard let field, let json = try? JSONParser().parse(field), let name = json["filename"]?.stringValue, !name.isEmpty else {
                throw APIError.badRequest(
                    "invalid_field", "original_ref must be JSON naming the original image's filename.", details: "original_ref")
            }
            filename = name
            subfolder = json["subfolder"]?.stringValue ?? ""
            type = json["type"]?.stringValue ?? "input"
            let annotated = AnnotatedFileName(parsing: name)
            if let folder = annotated.folder {
                filename = annotated.relativePath
                type = folder.rawValue
            }
        }
    }

    /// The merged PNG, made on NIO's thread pool.
    static func merge(original url: URL, mask: [UInt8]) async throws -> [UInt8] {
        try await NIOThreadPool.singleton.runIfActive {
            let originalBytes = Array(try Data(contentsOf: url))
            let original = try decode(originalBytes, what: "the original image")
            let maskImage = try decode(mask, what: "the uploaded mask")
            let merged: RasterImage
            do {
                merged = try original.replacingAlpha(with: maskImage)
            } catch {
                throw APIError.badRequest("mask_mismatch", "The mask must have the original image's size.", details: "\(error)")
            }
            let text = ImageFormat.sniff(originalBytes) == .png ? (try? ImageDecoder.pngTextChunks(originalBytes)) ?? [] : []
            return try ImageEncoder.png(merged, text: text, compressionLevel: 4)
        }
    }

    private static func decode(_ bytes: [UInt8], what: String) throws -> RasterImage {
        do {
            return try ImageDecoder.decode(bytes)
        } catch {
            throw APIError.badRequest("not_an_image", "\(what) cannot be read as an image.", details: error.description)
        }
    }
}
