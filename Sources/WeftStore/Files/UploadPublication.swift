import Foundation
import WeftCore

/// Moves a staged upload into place without ever replacing another file.
enum UploadPublication {
    /// Makes the staged file visible as `target` unless something already exists there; true when `target` now
    /// holds `bytes` (just published, or an identical file that was there already), false when it is taken by
    /// something else.
    ///
    /// A hard link publishes atomically and fails when the name exists, so concurrent uploads cannot replace
    /// each other. On file systems without hard links the staged file is renamed into place instead, after a
    /// check that the name is free (which leaves a small window for a concurrent upload of the same name).
    static func publish(_ staging: URL, at target: URL, bytes: Data) throws(UploadError) -> Bool {
        if exists(target) {
            return holds(bytes, at: target)
        }
        do {
            try FileManager.default.linkItem(at: staging, to: target)
            return true
        } catch {
            if exists(target) {
                return holds(bytes, at: target)
            }
        }
        do {
            try FileManager.default.moveItem(at: staging, to: target)
            return true
        } catch {
            if exists(target) {
                return holds(bytes, at: target)
            }
            throw .write(path: target.path(percentEncoded: false), reason: String(describing: error))
        }
    }

    /// Whether anything — a file, a folder or a symbolic link, even a dangling one — has the name `url`.
    private static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false))) != nil
    }

    /// Whether `url` (after following links) is a regular file holding exactly `bytes`.
    private static func holds(_ bytes: Data, at url: URL) -> Bool {
        guard let components = CanonicalPath.components(of: url) else { return false }
        let path = "/" + components.joined(separator: "/")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            (attributes[.size] as? NSNumber)?.intValue == bytes.count
        else {
            return false
        }
        return (try? Data(contentsOf: URL(filePath: path), options: .mappedIfSafe)) == bytes
    }
}
