import Foundation
import WeftCore

/// Resolves `--data-dir` and `--output-dir` into ``DataDirectories`` and creates `input/`, `output/` and `temp/`
/// when they are missing.
struct DataDirectorySetup {
    /// The data directory; the working directory when nil.
    var dataDirectory: String?
    /// Where outputs go instead of `<data dir>/output`.
    var outputDirectory: String?

    /// The directories, created where needed. Throws naming the folder that could not be created.
    func prepare() throws(DirectoryError) -> DataDirectories {
        let root = URL(fileURLWithPath: dataDirectory ?? FileManager.default.currentDirectoryPath, isDirectory: true)
        var directories = DataDirectories(root: root.standardizedFileURL)
        if let outputDirectory {
            directories.output = URL(fileURLWithPath: outputDirectory, isDirectory: true).standardizedFileURL
        }
        for folder in [directories.input, directories.output, directories.temp] {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw DirectoryError(path: folder.path(percentEncoded: false), reason: Self.reason(error))
            }
        }
        return directories
    }

    private static func reason(_ error: any Error) -> String {
        (error as? CocoaError)?.localizedDescription ?? String(describing: error)
    }
}

/// A data folder that does not exist and could not be created.
struct DirectoryError: Error, Sendable, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot create folder '\(path)': \(reason)" }
}
