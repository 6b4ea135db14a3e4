public import AsyncHTTPClient

extension AsyncHTTPTransport {
    /// A process-wide client configured like `HTTPClient.shared` except that it never follows redirects: a 3xx
    /// answer comes back as it is, so that `ImageDownloader` can check every hop itself. It lives as long as the
    /// process and is never shut down.
    public static let nonRedirectingClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
