public import Foundation

/// A file name as ComfyUI's image-loading nodes and `/view` take it: a path relative to one of the data folders,
/// optionally ending in ` [input]`, ` [output]` or ` [temp]` to say which folder (`"portraits/cat.png [output]"`).
public struct AnnotatedFileName: Sendable, Equatable {
    /// The data folder a name may point into.
    public enum Folder: String, Sendable, CaseIterable {
        /// `input/`, where uploads go.
        case input
        /// `output/`, where saved results go.
        case output
        /// `temp/`, where previews go.
        case temp
    }

    /// The path relative to the folder, annotation removed (may contain `/`).
    public var relativePath: String
    /// The folder the annotation names; nil when the name carries none.
    public var folder: Folder?

    /// Splits a trailing ` [input]`, ` [output]` or ` [temp]` off `text`.
    public init(parsing text: String) {
        for folder in Folder.allCases where text.hasSuffix(" [\(folder.rawValue)]") {
            self.relativePath = String(text.dropLast(folder.rawValue.count + 3))
            self.folder = folder
            return
        }
        self.relativePath = text
        self.folder = nil
    }

    /// The file's location: in the annotated folder, else in `defaultFolder`, never outside that folder (see
    /// ``SafePathResolver``).
    /// - Throws: ``PathSafetyError`` naming `field` when the path is empty, absolute, climbs out, or is malformed.
    public func resolve(in directories: DataDirectories, defaultFolder: Folder, field: String) throws(PathSafetyError) -> URL {
        let root =
            switch folder ?? defaultFolder {
            case .input: directories.input
            case .output: directories.output
            case .temp: directories.temp
            }
        let resolver = SafePathResolver(root: root)
        let components = try resolver.components(of: relativePath, field: field, allowEmpty: false)
        return try resolver.resolve(subfolder: components.dropLast().joined(separator: "/"), filename: components.last ?? "")
    }
}
