/// An image file fetched by `ImageDownloader`.
public struct DownloadedImage: Sendable, Equatable {
    /// The file's bytes.
    public var bytes: [UInt8]
    /// The URL the bytes came from, after redirects.
    public var finalURL: String
    /// The answer's media type (`image/png`, or `application/octet-stream` for a recognised image sent as such),
    /// lowercased and without parameters; nil when the server named none.
    public var mediaType: String?

    /// Creates a downloaded image.
    public init(bytes: [UInt8], finalURL: String, mediaType: String?) {
        self.bytes = bytes
        self.finalURL = finalURL
        self.mediaType = mediaType
    }
}
