public import Foundation

/// Resolves request-supplied folder and file names inside one root directory, never outside it.
///
/// Names are first checked as text (``components(of:field:allowEmpty:)``); the resulting path then has its
/// symbolic links followed and must still lie inside the root's own resolved path. A link inside the root that
/// points elsewhere inside the root is fine; one that points outside is refused.
public struct SafePathResolver: Sendable {
    /// The folder every resolved path stays inside.
    public let root: URL

    /// A resolver for paths under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Checks one relative path (`"a/b/c.png"`, may be empty when `allowEmpty`) from a request field and returns
    /// its components.
    ///
    /// Refuses absolute paths, `..` components, NUL and other control characters, and backslashes — also when
    /// they only appear after Unicode NFKC normalisation (fullwidth `．．` U+FF0E, `\u{2024}\u{2024}`) or after
    /// one or two rounds of percent-decoding (`%2e%2e`, `%252e%252e`). `.` components and the empty components
    /// of `a//b` are dropped.
    public func components(of relativePath: String, field: String, allowEmpty: Bool) throws(PathSafetyError) -> [String] {
        for reading in PathSpellings.readings(of: relativePath) {
            if reading.hasPrefix("/") {
                throw .absolute(field: field, value: relativePath)
            }
            if reading.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }) {
                throw .invalidCharacter(field: field, value: relativePath)
            }
            if reading.split(separator: "/").contains("..") {
                throw .parentReference(field: field, value: relativePath)
            }
        }
        let components = relativePath.split(separator: "/").map(String.init).filter { $0 != "." }
        if components.isEmpty && !allowEmpty {
            throw .empty(field: field)
        }
        return components
    }

    /// The URL of `filename` in `subfolder` under the root (`subfolder` may be empty), after the checks of
    /// ``components(of:field:allowEmpty:)`` on both (fields `"subfolder"` and `"filename"`) and after following
    /// the symbolic links of every existing ancestor and of the file itself: the result must still lie inside
    /// the root's resolved path, else ``PathSafetyError/escapesRoot(field:value:)``.
    public func resolve(subfolder: String, filename: String) throws(PathSafetyError) -> URL {
        let folder = try components(of: subfolder, field: "subfolder", allowEmpty: true)
        let file = try components(of: filename, field: "filename", allowEmpty: false)
        _ = try contained(folder, field: "subfolder", value: subfolder)
        return try contained(folder + file, field: "filename", value: filename)
    }

    /// The URL of a folder under the root (the root itself for `""`), with the same checks as
    /// ``resolve(subfolder:filename:)``; used for listings and uploads.
    public func resolveFolder(_ subfolder: String) throws(PathSafetyError) -> URL {
        let folder = try components(of: subfolder, field: "subfolder", allowEmpty: true)
        return try contained(folder, field: "subfolder", value: subfolder)
    }

    /// The URL of `components` under the root, provided its resolved path stays inside the root's.
    private func contained(_ components: [String], field: String, value: String) throws(PathSafetyError) -> URL {
        var url = root
        for component in components {
            url = url.appending(path: component)
        }
        guard let resolvedRoot = CanonicalPath.components(of: root),
            let resolved = CanonicalPath.components(of: url),
            resolved.starts(with: resolvedRoot)
        else {
            throw .escapesRoot(field: field, value: value)
        }
        return url
    }
}
