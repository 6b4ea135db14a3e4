import Foundation
import WeftCore

/// Walks a folder tree for ``ModelCatalog``, following symbolic links but entering each real folder only once.
enum ModelTreeWalk {
    /// One visible item of a folder.
    struct Entry {
        /// The item's name.
        var name: String
        /// Whether it is a folder (after following links).
        var isDirectory: Bool
    }

    /// The non-hidden items of `folder` that exist (dangling links are left out), sorted by name; `[]` when it
    /// cannot be read.
    static func entries(of folder: URL) -> [Entry] {
        let path = folder.path(percentEncoded: false)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let child = folder.appending(path: name).path(percentEncoded: false)
            guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else { return nil }
            return Entry(name: name, isDirectory: isDirectory.boolValue)
        }
    }

    /// The `/`-separated paths, relative to `folder`, of every non-hidden file below it.
    static func files(under folder: URL) -> [String] {
        var visited: Set<[String]> = []
        var files: [String] = []
        collect(folder, prefix: "", visited: &visited, into: &files)
        return files
    }

    /// Adds the files below `folder` (named `prefix` relative to the walk's start) to `files`, unless its real
    /// location was visited already or cannot be resolved.
    private static func collect(_ folder: URL, prefix: String, visited: inout Set<[String]>, into files: inout [String]) {
        guard let real = CanonicalPath.components(of: folder), visited.insert(real).inserted else { return }
        for entry in entries(of: folder) {
            let relative = prefix + entry.name
            if entry.isDirectory {
                collect(folder.appending(path: entry.name, directoryHint: .isDirectory), prefix: relative + "/", visited: &visited, into: &files)
            } else {
                files.append(relative)
            }
        }
    }
}
