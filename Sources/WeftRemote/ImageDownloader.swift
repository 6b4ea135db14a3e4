import Foundation

/// Fetches image files from http and https URLs someone else chose (a provider's answer, a workflow input), within
/// limits: only http and https, at most `limits.maxBytes` bytes (counted while reading), `limits.timeout` for the
/// whole download, and `limits.maxRedirects` redirects, each hop checked before it is followed.
///
/// An answer counts as an image when its content type is `image/*`; one typed `application/octet-stream`,
/// `binary/octet-stream` or not typed at all counts only when its bytes start like a PNG, JPEG, WebP or GIF file.
/// Rate limiting (429) and server failures (5xx) are retried under `retryPolicy`. Headers given to `download` (an
/// API key, say) go only to URLs of the same origin as the first one, never across a redirect to another host.
public struct ImageDownloader: Sendable {
    /// Content types that say nothing about the bytes, accepted only for recognised image bytes.
    private static let untypedMediaTypes: Set<String> = ["application/octet-stream", "binary/octet-stream"]
    /// The statuses whose `Location` is followed.
    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// What a download may cost at most.
    public var limits: DownloadLimits
    /// When failed requests are tried again.
    public var retryPolicy: RetryPolicy
    /// How requests reach the network; it must hand back 3xx answers rather than follow them.
    public var transport: any HTTPTransport

    /// Creates a downloader over AsyncHTTPClient with redirects left to the downloader and the transport's time and
    /// size caps set from `limits`.
    public init(limits: DownloadLimits = DownloadLimits(), retryPolicy: RetryPolicy = RetryPolicy()) {
        let transport = AsyncHTTPTransport(
            client: AsyncHTTPTransport.nonRedirectingClient, timeout: limits.timeout, maxResponseBytes: limits.maxBytes)
        self.init(limits: limits, retryPolicy: retryPolicy, transport: transport)
    }

    /// Creates a downloader over `transport`, which must not follow redirects itself and should stop reading at
    /// `limits.maxBytes` (a longer body that arrives anyway is still refused).
    public init(limits: DownloadLimits, retryPolicy: RetryPolicy, transport: any HTTPTransport) {
        self.limits = limits
        self.retryPolicy = retryPolicy
        self.transport = transport
    }

    /// Downloads the image at `url`, sending `headers` to URLs of its origin.
    ///
    /// - Throws: `RemoteServiceError.downloadFailed` naming the URL (not http or https, a refused or excessive
    ///   redirect, an HTTP error status, an answer that is not an image), `.responseTooLarge`, `.timedOut`,
    ///   `.connectionFailed`, or `CancellationError`.
    public func download(_ url: String, headers: [(name: String, value: String)] = []) async throws -> DownloadedImage {
        guard let start = WebAddress.httpURL(url) else {
            throw RemoteServiceError.downloadFailed(url: url, reason: "it is not an http or https URL")
        }
        return try await Deadline(limits.timeout).run { try await follow(from: start, headers: headers) }
    }

    /// Downloads each of `urls` in turn, reporting `downloading` progress counted in images.
    func images(
        from urls: [String], headers: [(name: String, value: String)], progress: GenerationProgressHandler
    ) async throws -> [GeneratedImage] {
        var images: [GeneratedImage] = []
        progress(GenerationProgress(.downloading, value: 0, total: urls.count))
        for url in urls {
            images.append(GeneratedImage(bytes: try await download(url, headers: headers).bytes, url: url))
            progress(GenerationProgress(.downloading, value: images.count, total: urls.count))
        }
        return images
    }

    private func follow(from start: URL, headers: [(name: String, value: String)]) async throws -> DownloadedImage {
        var current = start
        var redirects = 0
        while true {
            let forwarded = WebAddress.sameOrigin(current, start) ? headers : []
            let request = RemoteRequest(url: current.absoluteString, headers: [("Accept", "image/*")] + forwarded)
            let (response, attempts) = try await retryPolicy.send(request, over: transport)
            guard Self.redirectStatuses.contains(response.status) else {
                return try image(in: response, from: current.absoluteString, attempts: attempts)
            }
            guard redirects < limits.maxRedirects else {
                throw RemoteServiceError.downloadFailed(
                    url: start.absoluteString, reason: "it redirects more than \(limits.maxRedirects) times")
            }
            guard let location = response.header("Location"), let next = WebAddress.resolve(location, against: current) else {
                throw RemoteServiceError.downloadFailed(
                    url: current.absoluteString, reason: "HTTP \(response.status) without a usable Location header")
            }
            guard WebAddress.isHTTP(next) else {
                throw RemoteServiceError.downloadFailed(
                    url: current.absoluteString, reason: "it redirects to \(next.absoluteString), which is not an http or https URL")
            }
            current = next
            redirects += 1
        }
    }

    /// The image a final (non-redirect) answer holds, or why it holds none.
    private func image(in response: RemoteResponse, from url: String, attempts: Int) throws(RemoteServiceError) -> DownloadedImage {
        guard response.isSuccess else {
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            throw .downloadFailed(url: url, reason: "the server answered HTTP \(response.status)\(tries)")
        }
        guard response.body.count <= limits.maxBytes else { throw .responseTooLarge(limit: limits.maxBytes) }
        guard !response.body.isEmpty else { throw .downloadFailed(url: url, reason: "the answer is empty") }
        let mediaType = response.mediaType
        if let mediaType, mediaType.hasPrefix("image/") {
            return DownloadedImage(bytes: response.body, finalURL: url, mediaType: mediaType)
        }
        let named = mediaType.map { "the content type \"\($0)\"" } ?? "no content type"
        guard mediaType.map(Self.untypedMediaTypes.contains) ?? true else {
            throw .downloadFailed(url: url, reason: "the answer has \(named), not an image type")
        }
        guard ImageSignature.recognises(response.body) else {
            throw .downloadFailed(url: url, reason: "the answer has \(named) and its bytes are not a PNG, JPEG, WebP or GIF image")
        }
        return DownloadedImage(bytes: response.body, finalURL: url, mediaType: mediaType)
    }
}
