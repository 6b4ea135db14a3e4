/// One HTTP request to a remote service, independent of the client that sends it.
public struct RemoteRequest: Sendable, Equatable {
    /// The HTTP method, such as `GET` or `POST`.
    public var method: String
    /// The absolute `http` or `https` URL.
    public var url: String
    /// Header names and values, in order.
    public var headers: [(name: String, value: String)]
    /// The body bytes; empty for none.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether two requests have the same method, URL, headers and body.
    public static func == (lhs: RemoteRequest, rhs: RemoteRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}
