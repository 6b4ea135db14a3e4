package import Foundation

/// Absolute paths with their symbolic links followed, the way the kernel would resolve them.
///
/// Links are read one component at a time, so links in the middle of a path, relative link targets and `..`
/// inside targets are all handled; components that do not exist yet are kept as written.
package enum CanonicalPath {
    /// How many links one resolution may follow before it is taken for a loop (Linux's `MAXSYMLINKS`).
    static let maximumLinks = 40

    /// The components of `path` (made absolute against the current directory) with every link in its existing
    /// part followed and `.`/`..` applied, or nil when more than ``maximumLinks`` links are met (a link loop).
    static func components(of path: String) -> [String]? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var pending = Array(splitPath(absolute).reversed())
        var resolved: [String] = []
        var linksFollowed = 0
        while let component = pending.popLast() {
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            resolved.append(component)
            let current = "/" + resolved.joined(separator: "/")
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { continue }
            linksFollowed += 1
            guard linksFollowed <= maximumLinks else { return nil }
            resolved.removeLast()
            if target.hasPrefix("/") {
                resolved.removeAll()
            }
            pending.append(contentsOf: splitPath(target).reversed())
        }
        return resolved
    }

    /// The components of the file URL `url`, resolved as in ``components(of:)``.
    package static func components(of url: URL) -> [String]? {
        components(of: url.absoluteURL.path(percentEncoded: false))
    }

    /// The non-empty, non-`.` components of a `/`-separated path.
    private static func splitPath(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }
}
