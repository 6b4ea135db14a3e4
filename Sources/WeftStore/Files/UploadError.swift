public import WeftCore

/// Why ``UploadStore`` could not save an upload.
public enum UploadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name or subfolder was refused.
    case unsafePath(PathSafetyError)
    /// The folder could not be created or the file could not be written.
    case write(path: String, reason: String)

    /// A message naming the field or path at fault.
    public var description: String {
        switch self {
        case .unsafePath(let error):
            error.description
        case .write(let path, let reason):
            "cannot save upload at '\(path)': \(reason)"
        }
    }
}
