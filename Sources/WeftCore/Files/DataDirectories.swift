public import Foundation

/// The folders a runtime reads and writes: models, inputs, outputs, temporary files and user data.
///
/// A data directory holds them all by default (ComfyUI's layout); each may be moved on its own.
public struct DataDirectories: Sendable, Equatable {
    public var root: URL
    public var models: URL
    public var input: URL
    public var output: URL
    public var temp: URL
    public var user: URL

    /// The standard layout under one data directory.
    public init(root: URL) {
        self.root = root
        models = root.appending(path: "models", directoryHint: .isDirectory)
        input = root.appending(path: "input", directoryHint: .isDirectory)
        output = root.appending(path: "output", directoryHint: .isDirectory)
        temp = root.appending(path: "temp", directoryHint: .isDirectory)
        user = root.appending(path: "user", directoryHint: .isDirectory)
    }
}
