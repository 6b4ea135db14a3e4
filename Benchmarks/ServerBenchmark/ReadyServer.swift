import AsyncHTTPClient
import Foundation

/// A launched `weft serve` that answered `GET /system_stats`, and how long after launch it first did.
struct ReadyServer: Sendable {
    let process: ServerProcess
    let api: WeftAPI
    /// From launching the process to the first 200 on `/system_stats`.
    let readyAfter: Duration

    /// Launches a server, waits until it is ready, runs `body` with it and stops it, whether `body` threw or not.
    /// A failure carries what the server wrote to standard error.
    static func with<Result>(
        weft: URL, workers: Int, client: HTTPClient, _ body: (ReadyServer) async throws -> Result
    ) async throws -> Result {
        let process = try ServerProcess(weft: weft, workers: workers)
        do {
            let server = try await waitUntilReady(process, client: client)
            let result = try await body(server)
            await process.stop()
            return result
        } catch {
            let errorOutput = process.errorOutput
            await process.stop()
            throw errorOutput.isEmpty ? error : BenchmarkFailure("\(error)\nweft serve wrote to standard error:\n\(errorOutput)")
        }
    }

    /// Every 5 ms: reads the port once the server printed it, then asks `/system_stats` until it answers 200.
    private static func waitUntilReady(_ process: ServerProcess, client: HTTPClient) async throws -> ReadyServer {
        let deadline = process.launchedAt + .seconds(30)
        var api: WeftAPI?
        while ContinuousClock.now < deadline {
            if api == nil, let port = try process.announcedPort() {
                api = WeftAPI(client: client, port: port)
            }
            if let api, await api.systemStatsAnswers() {
                return ReadyServer(process: process, api: api, readyAfter: .now - process.launchedAt)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw BenchmarkFailure("weft serve was not ready 30 s after launch")
    }
}
