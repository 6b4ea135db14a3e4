/// The seam between remote-service clients and the network: tests and other transports plug in here.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the whole response.
    ///
    /// - Throws: `RemoteServiceError.timedOut`, `.connectionFailed` or `.responseTooLarge`.
    func send(_ request: RemoteRequest) async throws -> RemoteResponse

    /// Sends `request`; when the answer is a 2xx `text/event-stream`, calls `onEvent` for each event as it
    /// arrives and returns the response with an empty body; otherwise returns the whole response untouched.
    ///
    /// - Throws: what `send` throws, or what `onEvent` throws.
    func stream(
        _ request: RemoteRequest, onEvent: @escaping @Sendable (ServerSentEvent) async throws -> Void
    ) async throws -> RemoteResponse
}
