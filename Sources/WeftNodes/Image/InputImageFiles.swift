import Crypto
import Foundation
import OrderedCollections
import WeftCore
import WeftImage
import WeftTensor

/// The image files loader nodes offer and read: what ComfyUI's LoadImage lists from the input folder, and the
/// reading of one file by the name a prompt gives (`cat.png`, `sub/cat.png`, `cat_00001_.png [output]`).
enum InputImageFiles {
    /// The file extensions Weft can decode, which the loaders list.
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "webp"]

    /// The sorted names of the decodable image files directly inside `folder` (not in subfolders, not hidden), as
    /// the loaders' combo lists them; empty when there is no folder.
    static func names(in folder: URL?) -> [String] {
        guard let folder, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)) else {
            return []
        }
        return entries.filter { name in
            guard !name.hasPrefix("."), extensions.contains((name as NSString).pathExtension.lowercased()) else { return false }
            var isDirectory: ObjCBool = false
            let path = folder.appending(path: name).path(percentEncoded: false)
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// Where the file a prompt names lies: inside input/, or the folder its annotation names, never outside it.
    /// - Throws: ``PathSafetyError`` for a name that would leave its folder, ``ImageNodeError/fileNotFound(input:name:)``
    ///   when there is no such file.
    static func locate(_ name: String, input: String, directories: DataDirectories) throws -> URL {
        let url = try AnnotatedFileName(parsing: name).resolve(in: directories, defaultFolder: .input, field: input)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ImageNodeError.fileNotFound(input: input, name: name)
        }
        return url
    }

    /// The decoded image, turned upright by its EXIF orientation as ComfyUI's loaders do.
    /// - Throws: ``ImageNodeError/unreadableFile(input:name:reason:)`` naming the file and the decoder's reason.
    static func load(_ url: URL, name: String, input: String) throws -> RasterImage {
        do {
            return try decodeUpright(Array(try Data(contentsOf: url)))
        } catch {
            throw ImageNodeError.unreadableFile(input: input, name: name, reason: String(describing: error))
        }
    }

    /// Encoded image bytes decoded and turned upright by their EXIF orientation, as every image loader reads them.
    static func decodeUpright(_ bytes: [UInt8]) throws(ImageCodecError) -> RasterImage {
        try ImageDecoder.decode(bytes).applyingOrientation(ExifOrientation.read(from: bytes))
    }

    /// A loaded image as LoadImage outputs it: IMAGE `[1, H, W, 3]` and its alpha as MASK (`1 − alpha`), or a
    /// 64 × 64 zero mask when it has no alpha, as ComfyUI returns.
    static func imageAndMask(of raster: RasterImage) -> (image: Tensor, mask: Tensor) {
        (ImageTensors.image(from: raster), ImageTensors.mask(fromAlphaOf: raster) ?? Tensor.zeros([1, 64, 64]))
    }

    /// The SHA-256 of the file's contents in hex, the loaders' cache fingerprint (ComfyUI's `IS_CHANGED`): an edited
    /// or replaced file loads again, an untouched one is reused.
    static func contentHash(of url: URL) throws -> String {
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        return SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension InputImageFiles {
    /// The loaders' file combo: the image files of `folder`, with ComfyUI's `image_upload` flag so the editor shows
    /// an upload button.
    static func comboInput(named name: String, folder: URL?) -> InputSpec {
        InputSpec(name: name, type: .combo(names(in: folder).map(JSONValue.string)), options: ["image_upload": true])
    }

    /// The fingerprint of the file a literal `input` names (nil when the input is linked, not literal).
    static func fingerprint(of inputs: NodeInputs, input: String, directories: DataDirectories) throws -> Fingerprint? {
        guard inputs.has(input) else { return nil }
        let name = try inputs.string(input)
        return .value(.string(try contentHash(of: try locate(name, input: input, directories: directories))))
    }

    /// ComfyUI's "Invalid image file" check: the name must be a safe path and, when the settings know the input
    /// folder, a file that exists there (or in the folder its annotation names).
    static func validate(_ inputs: NodeInputs, input: String, settings: ImageNodeSettings) -> [InputValidationFailure] {
        guard inputs.has(input) else { return [] }
        guard let name = try? inputs.string(input) else {
            return [InputValidationFailure(inputName: input, message: "Invalid image file: the value is not a file name")]
        }
        do {
            if let directories = settings.directories {
                _ = try locate(name, input: input, directories: directories)
            } else {
                _ = try SafePathResolver(root: URL(filePath: "/"))
                    .components(of: AnnotatedFileName(parsing: name).relativePath, field: input, allowEmpty: false)
            }
            return []
        } catch {
            return [InputValidationFailure(inputName: input, message: "Invalid image file: \(name) (\(error))")]
        }
    }
}
