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
        let connection = try self.connection()
        let body = try await connection.sendJSON(httpRequest(for: request, stream: false, on: connection), model: request.model)
        return try completionText(in: body)
    }

    /// Asks for a streamed completion, calling `progress` after each piece with the text so far, and returns
    /// the whole text. A service that answers with a single JSON completion instead of a stream is accepted.
    ///
    /// - Throws: `RemoteServiceError`, or `CancellationError` when the task is cancelled.
    public func stream(_ request: ChatRequest, progress: @escaping @Sendable (ChatProgress) -> Void) async throws -> String {
        let connection = try self.connection()
        let outgoing = httpRequest(for: request, stream: true, on: connection)
        let accumulator = ChatStreamAccumulator(progress: progress)
        var attempts = 0
        let response = try await retryPolicy.run(isFinal: ServiceConnection.reportsExhaustedQuota) { attempt in
            attempts = attempt
            do {
                return try await transport.stream(outgoing) { event in
                    try accumulator.receive(
                        event, mapError: { connection.error(status: 200, body: $0, model: request.model, attempts: attempt) })
                }
            } catch let error as RemoteServiceError where accumulator.hasStarted && retryPolicy.isRetryable(error) {
                throw RemoteServiceError.streamInterrupted(error.description)
            }
        }
        guard response.isSuccess, response.mediaType == "text/event-stream" else {
            return try completionText(in: connection.jsonBody(of: response, model: request.model, attempts: attempts))
        }
        return try accumulator.result()
    }

    private func connection() throws(RemoteServiceError) -> ServiceConnection {
        try ServiceConnection(baseURL: baseURL, apiKey: apiKey, transport: transport, retryPolicy: retryPolicy)
    }

    private func httpRequest(for request: ChatRequest, stream: Bool, on connection: ServiceConnection) -> RemoteRequest {
        connection.request(
            "POST", "/chat/completions", json: ChatCompletionBody.make(request, stream: stream),
            accept: stream ? "text/event-stream" : "application/json")
    }

    /// The text of a non-streamed completion's JSON body.
    private func completionText(in body: JSONValue) throws(RemoteServiceError) -> String {
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
