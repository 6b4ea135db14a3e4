#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file, in which version, a model was loaded from: device, inode, size and modification time. Replacing or
/// rewriting the file gives a new identity, so a cached model is never served for changed bytes.
public struct ModelFileIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The filesystem device.
    public var device: UInt64
    /// The inode within the device.
    public var inode: UInt64
    /// The size in bytes.
    public var size: Int64
    /// The modification time, in nanoseconds since the epoch.
    public var modified: Int64

    /// The identity of the file at `path` as it is now.
    /// - Throws: `ModelWeightsError` naming the path when it cannot be examined or is not a regular file.
    public init(path: String) throws(ModelWeightsError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ModelWeightsError(
                component: "checkpoint", key: "", message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw ModelWeightsError(component: "checkpoint", key: "", message: "\(path) is not a regular file")
        }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        #if canImport(Darwin)
            modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
    }

    /// `size-modified-device-inode`, a stable string for cache fingerprints.
    public var description: String { "\(size)-\(modified)-\(device)-\(inode)" }
}
