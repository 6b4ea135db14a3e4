public import Foundation
import WeftCore

/// Saves uploaded files with ComfyUI's collision rule (`POST /upload/image`).
///
/// Without overwrite, an existing name is never replaced: an upload identical to the file already there reuses
/// its name, and a different one goes to `name (1).ext`, `name (2).ext`, … Files appear atomically — the bytes
/// are written to a hidden temporary file first and then linked or renamed into place, so a reader never sees
/// half a file and two concurrent uploads never replace each other.
public struct UploadStore: Sendable {
    /// Checks and resolves the names of uploads.
    private let resolver: SafePathResolver
    /// The root's name, echoed in ``StoredUpload/type``.
    private let type: String

    /// A store writing under `root`; `type` (`"input"`, `"temp"` or `"output"`) is echoed in every result.
    public init(root: URL, type: String) {
        resolver = SafePathResolver(root: root)
        self.type = type
    }

    /// Saves `bytes` as `filename` in `subfolder` (created as needed) and returns where they went.
    ///
    /// Both names are checked as in ``SafePathResolver``; of `filename` only its last component is used. When
    /// `overwrite` is false and the name exists, an existing file with the same bytes is kept and its name
    /// returned; otherwise `name (1).ext`, `name (2).ext`, … are tried the same way until a free or identical
    /// one is found. The returned subfolder is the normalised one (`"a//b/"` → `"a/b"`).
    public func save(_ bytes: [UInt8], filename: String, subfolder: String, overwrite: Bool) throws(UploadError) -> StoredUpload {
        let name: String
        let folderComponents: [String]
        let folder: URL
        do throws(PathSafetyError) {
            guard let last = try resolver.components(of: filename, field: "filename", allowEmpty: false).last else {
                throw .empty(field: "filename")
            }
            name = last
            folderComponents = try resolver.components(of: subfolder, field: "subfolder", allowEmpty: true)
            folder = try resolver.resolveFolder(subfolder)
        } catch {
            throw .unsafePath(error)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .write(path: folder.path(percentEncoded: false), reason: String(describing: error))
        }
        let data = Data(bytes)
        let savedName: String
        if overwrite {
            savedName = try replace(named: name, in: subfolder, with: data)
        } else {
            savedName = try keepExisting(named: name, in: subfolder, folder: folder, data: data)
        }
        return StoredUpload(name: savedName, subfolder: folderComponents.joined(separator: "/"), type: type)
    }

    /// Writes `data` as `name`, replacing any file of that name, and returns the name.
    private func replace(named name: String, in subfolder: String, with data: Data) throws(UploadError) -> String {
        let target = try fileURL(named: name, in: subfolder)
        do {
            try data.write(to: target, options: .atomic)
        } catch {
            throw .write(path: target.path(percentEncoded: false), reason: String(describing: error))
        }
        return name
    }

    /// Saves `data` under `name` or the first of `name (1).ext`, `name (2).ext`, … that is free or already
    /// holds the same bytes, and returns the name used.
    private func keepExisting(named name: String, in subfolder: String, folder: URL, data: Data) throws(UploadError) -> String {
        let staging = folder.appending(path: ".weft-upload-\(UUID().uuidString).part")
        do {
            try data.write(to: staging, options: .withoutOverwriting)
        } catch {
            throw .write(path: staging.path(percentEncoded: false), reason: String(describing: error))
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let parts = FileNameParts(name)
        var candidate = name
        var attempt = 0
        while true {
            let target = try fileURL(named: candidate, in: subfolder)
            if try UploadPublication.publish(staging, at: target, bytes: data) {
                return candidate
            }
            attempt += 1
            candidate = "\(parts.stem) (\(attempt))\(parts.fileExtension)"
        }
    }

    /// The checked URL of `name` in `subfolder`.
    private func fileURL(named name: String, in subfolder: String) throws(UploadError) -> URL {
        do throws(PathSafetyError) {
            return try resolver.resolve(subfolder: subfolder, filename: name)
        } catch {
            throw .unsafePath(error)
        }
    }
}
