/// A file name split into stem and extension with Python's `os.path.splitext` rule, which ComfyUI uses for
/// upload names and extension filters.
///
/// The extension starts at the last `.`, unless everything before that dot is dots: `"cat.png"` →
/// (`"cat"`, `".png"`), `"a.tar.gz"` → (`"a.tar"`, `".gz"`), `".hidden"` → (`".hidden"`, `""`).
struct FileNameParts: Equatable {
    /// The name without its extension.
    var stem: String
    /// The extension including its dot, or `""`.
    var fileExtension: String

    /// The parts of the last `/`-separated component of `name`.
    init(_ name: String) {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        if let dot = base.lastIndex(of: "."), base[..<dot].contains(where: { $0 != "." }) {
            stem = String(base[..<dot])
            fileExtension = String(base[dot...])
        } else {
            stem = base
            fileExtension = ""
        }
    }

    /// The extension in lower case without its dot (`"PNG"` → `"png"`).
    var lowercasedExtension: String {
        String(fileExtension.dropFirst()).lowercased()
    }
}
