/// An encoded image format that WeftImage reads and writes.
public enum ImageFormat: Sendable {
    /// Portable Network Graphics (lossless, text chunks).
    case png
    /// JPEG (lossy, no alpha).
    case jpeg
    /// WebP (lossy here when encoding; lossy or lossless when decoding).
    case webp

    /// The format whose magic number starts `bytes`, or `nil` when it is none of PNG, JPEG and WebP.
    ///
    /// PNG starts with its 8-byte signature, JPEG with `FF D8 FF`, WebP with `RIFF`, a length, and `WEBP`.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .png
        }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            return .jpeg
        }
        if head.count == 12, head[0..<4].elementsEqual("RIFF".utf8), head[8..<12].elementsEqual("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// The media type to send with this format over HTTP: `image/png`, `image/jpeg` or `image/webp`.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    /// The usual written name, for messages: PNG, JPEG, WebP.
    public var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .webp: "WebP"
        }
    }
}
