/// Runs `body`, but if it has not finished after `limit`, terminates the server (which ends every client's
/// connections, so `body` returns promptly) and throws.
func withWatchdog<Result: Sendable>(
    _ limit: Duration, server: ServerProcess, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            server.terminate()
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw BenchmarkFailure("no result after \(limit); the server was stopped")
        }
        return result
    }
}
