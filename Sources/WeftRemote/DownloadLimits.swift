/// What a download may cost at most.
public struct DownloadLimits: Sendable, Equatable {
    /// The largest body accepted, in bytes; counted while reading, so a longer body is cut off, not buffered.
    public var maxBytes: Int
    /// The longest the whole download may take, redirects and retries included.
    public var timeout: Duration
    /// How many redirects are followed before giving up.
    public var maxRedirects: Int

    /// Creates limits; the defaults (50 MB, 60 seconds, 5 redirects) suit generated and linked images.
    public init(maxBytes: Int = 50_000_000, timeout: Duration = .seconds(60), maxRedirects: Int = 5) {
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.maxRedirects = max(0, maxRedirects)
    }
}
