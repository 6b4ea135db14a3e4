extension RetryPolicy {
    /// Sends `request` over `transport` under this policy (never retrying a response `isFinal` marks); returns the
    /// last response and how many attempts it took.
    func send(
        _ request: RemoteRequest, over transport: any HTTPTransport, isFinal: (RemoteResponse) -> Bool = { _ in false }
    ) async throws -> (response: RemoteResponse, attempts: Int) {
        var attempts = 0
        let response = try await run(isFinal: isFinal) { attempt in
            attempts = attempt
            return try await transport.send(request)
        }
        return (response, attempts)
    }
}
