/// Content types for served files.
public enum MediaType {
    /// The `Content-Type` for a file name, from its extension (case-insensitive); `application/octet-stream`
    /// when the extension is unknown.
    ///
    /// Types a browser would render as active content — `text/html`, `application/xhtml+xml`,
    /// `text/javascript`, `application/javascript`, `text/css`, `image/svg+xml` and XML — are deliberately
    /// absent, so `.html`, `.js`, `.css`, `.svg` and the like are served as `application/octet-stream` and
    /// downloaded rather than run (ComfyUI does the same for HTML, JavaScript and CSS; SVG can carry script).
    public static func forFileName(_ name: String) -> String {
        typesByExtension[FileNameParts(name).lowercasedExtension] ?? "application/octet-stream"
    }

    /// Inert media types by lower-case extension.
    private static let typesByExtension: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif",
        "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "ico": "image/vnd.microsoft.icon",
        "avif": "image/avif", "heic": "image/heic", "heif": "image/heif",
        "mp4": "video/mp4", "m4v": "video/x-m4v", "webm": "video/webm", "mov": "video/quicktime",
        "mkv": "video/x-matroska", "avi": "video/x-msvideo",
        "wav": "audio/wav", "mp3": "audio/mpeg", "flac": "audio/flac", "ogg": "audio/ogg", "opus": "audio/opus",
        "m4a": "audio/mp4", "aac": "audio/aac",
        "json": "application/json", "txt": "text/plain", "csv": "text/csv", "md": "text/markdown",
        "glb": "model/gltf-binary", "gltf": "model/gltf+json",
    ]
}
