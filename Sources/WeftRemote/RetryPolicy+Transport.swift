extension RetryPolicy {
    /// Sends `request` over `transport` under this policy; returns the last response and how many attempts it took.
    func send(_ request: RemoteRequest, over transport: any HTTPTransport) async throws -> (response: RemoteResponse, attempts: Int) {
        var attempts = 0
        let response = try await run { attempt in
            attempts = attempt
            return try await transport.send(request)
        }
        return (response, attempts)
    }
}
