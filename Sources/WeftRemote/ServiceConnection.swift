import WeftCore

/// One remote service as the clients and providers talk to it: the API root, the key, how requests travel and are
/// retried, and how its answers are read.
struct ServiceConnection: Sendable {
    /// The API root without a trailing slash, such as `https://api.openai.com/v1`.
    let root: String
    /// The key sent as `Authorization: Bearer …`; nil or empty for services that need none.
    let apiKey: String?
    /// How requests reach the network.
    let transport: any HTTPTransport
    /// When failed requests are tried again.
    let retryPolicy: RetryPolicy

    /// A connection to the service at `baseURL`.
    ///
    /// - Throws: `invalidRequest` when `baseURL` is not an http or https URL.
    init(baseURL: String, apiKey: String?, transport: any HTTPTransport, retryPolicy: RetryPolicy) throws(RemoteServiceError) {
        self.apiKey = apiKey
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard root.hasPrefix("http://") || root.hasPrefix("https://") else {
            throw .invalidRequest("the base URL \"\(redact(root))\" is not an http or https URL")
        }
    }

    /// The `Authorization` header carrying the key, or nothing when there is no key.
    var authorization: [(name: String, value: String)] {
        guard let apiKey, !apiKey.isEmpty else { return [] }
        return [("Authorization", "Bearer \(apiKey)")]
    }

    /// A request for `path` under the root, with the key, an `Accept` header and, when `json` is given, that body.
    func request(
        _ method: String, _ path: String, json: JSONValue? = nil, accept: String = "application/json",
        headers: [(name: String, value: String)] = []
    ) -> RemoteRequest {
        var all: [(name: String, value: String)] = json == nil ? [] : [("Content-Type", "application/json")]
        all.append(("Accept", accept))
        all += authorization + headers
        return RemoteRequest(method: method, url: root + path, headers: all, body: json.map { Array($0.serialized().utf8) } ?? [])
    }

    /// Sends `request` under the retry policy; returns the last response and how many attempts it took.
    func send(_ request: RemoteRequest) async throws -> (response: RemoteResponse, attempts: Int) {
        try await retryPolicy.send(request, over: transport, isFinal: Self.reportsExhaustedQuota)
    }

    /// Sends `request` under the retry policy and returns the JSON body of its answer.
    ///
    /// - Throws: what `jsonBody(of:model:attempts:)` throws, or the transport's errors.
    func sendJSON(_ request: RemoteRequest, model: String) async throws -> JSONValue {
        let (response, attempts) = try await send(request)
        return try jsonBody(of: response, model: model, attempts: attempts)
    }

    /// The parsed body of a 2xx JSON answer, or the error the response stands for: a failed status, a body that is
    /// not JSON, or a JSON error object.
    func jsonBody(of response: RemoteResponse, model: String, attempts: Int) throws(RemoteServiceError) -> JSONValue {
        guard response.isSuccess else {
            throw error(status: response.status, body: OpenAIErrorBody(bytes: response.body), model: model, attempts: attempts)
        }
        let mediaType = response.mediaType ?? "none"
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw .malformedResponse("expected a JSON body but the content type is \"\(mediaType)\"")
        }
        let body: JSONValue
        do {
            body = try JSONParser().parse(response.body)
        } catch {
            throw .malformedResponse("the body is not JSON (\(error))")
        }
        if let failure = OpenAIErrorBody(body) {
            throw error(status: response.status, body: failure, model: model, attempts: attempts)
        }
        return body
    }
}
