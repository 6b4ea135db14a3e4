import Foundation

/// A fresh temporary folder for one test, removed when the test's suite instance goes away.
final class FileScratch: Sendable {
    /// The folder (its path may itself contain links, such as `/var` → `/private/var` on macOS).
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appending(path: "weft-store-file-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `relative` inside the folder, without a trailing slash.
    func path(_ relative: String = "") -> String {
        let base = url.path(percentEncoded: false)
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return relative.isEmpty ? trimmed : trimmed + "/" + relative
    }

    /// Creates a folder (and its parents) inside the folder.
    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Writes a file inside the folder, creating its parent folders.
    func write(_ relative: String, _ bytes: [UInt8] = []) throws {
        let file = URL(filePath: path(relative))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }

    /// Creates a symbolic link inside the folder pointing at `destination` (relative or absolute).
    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }

    /// The bytes of a file inside the folder, or nil when it cannot be read.
    func read(_ relative: String) -> [UInt8]? {
        (try? Data(contentsOf: URL(filePath: path(relative)))).map { Array($0) }
    }

    /// The sorted names in a folder inside the folder, hidden ones included.
    func names(in relative: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }
}

extension URL {
    /// The URL's file path without a trailing slash, for comparisons.
    var plainPath: String {
        let text = standardizedFileURL.path(percentEncoded: false)
        return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
