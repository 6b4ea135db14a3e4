public import AsyncHTTPClient

extension AsyncHTTPTransport {
    /// How many connections to one host the remote clients keep open at once. AsyncHTTPClient's default (8) would
    /// queue the ninth of many concurrent calls to one service behind the others; remote nodes run up to 32 at once.
    static let connectionsPerHost = 64

    /// The process-wide client for remote services: `HTTPClient.shared`'s configuration with room for
    /// ``connectionsPerHost`` concurrent connections to one host. It follows up to 20 redirects itself, lives as long
    /// as the process and is never shut down.
    public static let remoteServicesClient: HTTPClient = client(followingRedirects: true)

    /// The same client except that it never follows redirects: a 3xx answer comes back as it is, so that
    /// `ImageDownloader` can check every hop itself.
    public static let nonRedirectingClient: HTTPClient = client(followingRedirects: false)

    private static func client(followingRedirects: Bool) -> HTTPClient {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        if !followingRedirects { configuration.redirectConfiguration = .disallow }
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
