// Server throughput and start-up over HTTP and WebSocket (issue: ≥ 500 trivial prompts/s from 8 concurrent
// WebSocket clients, and ready < 300 ms after start, on a 2-core machine).
// Run: swift build -c release --product weft && swift run -c release weft-bench-server
import AsyncHTTPClient
import Foundation
import NIOCore

/// Times `options.launches` fresh starts, then one throughput run per `--workers` value, each on a fresh server.
func runBenchmark(_ options: BenchmarkOptions, client: HTTPClient) async throws {
    Report.header(options)
    var startups: [Duration] = []
    for _ in 0..<options.launches {
        startups.append(try await ReadyServer.with(weft: options.weft, workers: 1, client: client) { $0.readyAfter })
    }
    Report.startup(startups, workers: 1)
    var results: [ThroughputResult] = []
    for workers in options.workers {
        results.append(
            try await ReadyServer.with(weft: options.weft, workers: workers, client: client) { server in
                try await withWatchdog(.seconds(300), server: server.process) {
                    try await ThroughputRun(server: server, workers: workers, options: options).measure()
                }
            })
    }
    Report.throughput(results, options: options)
}

/// Runs `body` with a dedicated HTTP client pooling at least `clients` connections to a host, shut down afterwards
/// whether `body` threw or not.
func withHTTPClient(clients: Int, _ body: (HTTPClient) async throws -> Void) async throws {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, clients))
    let client = HTTPClient(configuration: configuration)
    do {
        try await body(client)
    } catch {
        try await client.shutdown()
        throw error
    }
    try await client.shutdown()
}

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("weft-bench-server: \(error)\n".utf8))
    exit(2)
}
do {
    try await withHTTPClient(clients: options.clients) { try await runBenchmark(options, client: $0) }
} catch {
    FileHandle.standardError.write(Data("weft-bench-server: \(error)\n".utf8))
    exit(1)
}
