/// One image a remote provider made: the encoded file (PNG, JPEG, WebP or GIF) and where it came from.
public struct GeneratedImage: Sendable, Equatable {
    /// The encoded image file, as the provider sent it.
    public var bytes: [UInt8]
    /// The URL the image was downloaded from, when the provider gave one; nil for images sent inline.
    public var url: String?

    /// Creates an image.
    public init(bytes: [UInt8], url: String? = nil) {
        self.bytes = bytes
        self.url = url
    }
}
