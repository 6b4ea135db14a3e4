import WeftCore

/// A client for OpenAI-compatible chat completions (`POST {baseURL}/chat/completions`), as served by OpenAI,
/// DashScope's compatible mode, Ollama, vLLM, llama.cpp's server and LM Studio.
///
/// Failures come out as `RemoteServiceError`, whose messages never contain the API key.
public struct OpenAIChatClient: Sendable {
    /// The API root, such as `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`.
    public var baseURL: String
    /// The key sent as `Authorization: Bearer …`; nil for services that need none.
    public var apiKey: String?
    /// How requests reach the network.
    public var transport: any HTTPTransport
    /// When failed requests are tried again.
    public var retryPolicy: RetryPolicy

    /// Creates a client.
    public init(
        baseURL: String, apiKey: String? = nil, transport: any HTTPTransport = AsyncHTTPTransport(),
        retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// Asks for a completion in one piece and returns its text.
    ///
    /// - Throws: `RemoteServiceError`, or `CancellationError` when the task is cancelled.
    public func complete(_ request: ChatRequest) async throws -> String {
        let outgoing = try httpRequest(for: request, stream: false)
        var attempts = 0
        let response = try await retryPolicy.run(isFinal: Self.reportsExhaustedQuota) { attempt in
            attempts = attempt
            return try await transport.send(outgoing)
        }
        return try completionText(of: response, model: request.model, attempts: attempts)
    }

    /// Asks for a streamed completion, calling `progress` after each piece with the text so far, and returns
    /// the whole text. A service that answers with a single JSON completion instead of a stream is accepted.
    ///
    /// - Throws: `RemoteServiceError`, or `CancellationError` when the task is cancelled.
    public func stream(_ request: ChatRequest, progress: @escaping @Sendable (ChatProgress) -> Void) async throws -> String {
        let outgoing = try httpRequest(for: request, stream: true)
        let accumulator = ChatStreamAccumulator(progress: progress)
        var attempts = 0
        let response = try await retryPolicy.run(isFinal: Self.reportsExhaustedQuota) { attempt in
            attempts = attempt
            do {
                return try await transport.stream(outgoing) { event in
                    try accumulator.receive(event, mapError: { serviceError(status: 200, error: $0, model: request.model, attempts: attempt) })
                }
            } catch let error as RemoteServiceError where accumulator.hasStarted && retryPolicy.isRetryable(error) {
                throw RemoteServiceError.streamInterrupted(error.description)
            }
        }
        guard response.isSuccess, response.mediaType == "text/event-stream" else {
            return try completionText(of: response, model: request.model, attempts: attempts)
        }
        return try accumulator.result()
    }

    private func httpRequest(for request: ChatRequest, stream: Bool) throws(RemoteServiceError) -> RemoteRequest {
        let root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard root.hasPrefix("http://") || root.hasPrefix("https://") else {
            throw .invalidRequest("the base URL \"\(redact(root))\" is not an http or https URL")
        }
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
        if let apiKey, !apiKey.isEmpty { headers.append(("Authorization", "Bearer \(apiKey)")) }
        return RemoteRequest(
            method: "POST", url: root + "/chat/completions", headers: headers, body: ChatCompletionBody.encode(request, stream: stream))
    }

    /// The text of a non-streamed completion, or the error the response stands for.
    private func completionText(of response: RemoteResponse, model: String, attempts: Int) throws(RemoteServiceError) -> String {
        guard response.isSuccess else {
            throw serviceError(status: response.status, error: OpenAIErrorBody(bytes: response.body), model: model, attempts: attempts)
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
        if let error = OpenAIErrorBody(body) {
            throw serviceError(status: response.status, error: error, model: model, attempts: attempts)
        }
        guard let choice = body["choices"]?.arrayValue?.first else {
            throw .malformedResponse("the body has no choices[0]")
        }
        if choice["finish_reason"]?.stringValue == "content_filter" {
            throw .contentFiltered(message: "finish_reason is content_filter")
        }
        guard let text = choice["message"]?["content"]?.stringValue else {
            throw .malformedResponse("choices[0].message.content is missing or not a string")
        }
        return text
    }
}
