/// Why ``OutputPathAllocator`` could not place an output file.
public enum OutputPathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The prefix resolves to a folder outside the root (a `..` escape or an absolute path).
    case outsideRoot(prefix: String)
    /// The prefix names no file (empty, `.`, or a folder only such as `a/..`).
    case missingFileName(prefix: String)
    /// The existing files already use the largest counter there is.
    case counterExhausted(prefix: String)
    /// The folder could not be listed or created, or the file could not be written.
    case fileSystem(path: String, reason: String)

    /// A message naming the prefix or path at fault.
    public var description: String {
        switch self {
        case .outsideRoot(let prefix):
            "Saving image outside the output folder is not allowed (filename_prefix '\(prefix)')"
        case .missingFileName(let prefix):
            "filename_prefix '\(prefix)' does not name a file"
        case .counterExhausted(let prefix):
            "no file counter is left for filename_prefix '\(prefix)'"
        case .fileSystem(let path, let reason):
            "cannot write output at '\(path)': \(reason)"
        }
    }
}
