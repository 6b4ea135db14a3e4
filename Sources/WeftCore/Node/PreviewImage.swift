/// An encoded preview of a running node's work (ComfyUI's binary preview frame payload): JPEG or PNG bytes.
public struct PreviewImage: Sendable, Equatable {
    /// The encoding, numbered as ComfyUI's binary frames number it.
    public enum Format: UInt32, Sendable {
        case jpeg = 1
        case png = 2

        /// The MIME type, for preview metadata.
        public var mimeType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }
    }

    /// How the bytes are encoded.
    public var format: Format
    /// The encoded image.
    public var bytes: [UInt8]

    /// A preview of already encoded bytes.
    public init(format: Format, bytes: [UInt8]) {
        self.format = format
        self.bytes = bytes
    }
}
