import Foundation

/// A `weft serve --port 0` child process on a fresh temporary data directory, its standard output and error kept in
/// files beside that directory.
final class ServerProcess: Sendable {
    /// The folder holding `data/` (the server's data directory), `stdout.log` and `stderr.log`.
    let folder: URL
    /// When the process was launched, the zero of the readiness measurement.
    let launchedAt: ContinuousClock.Instant
    private let process: Process

    /// Launches `weft serve` with `--workers` set to `workers` and warnings-only logging.
    init(weft: URL, workers: Int) throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "weft-bench-\(UUID().uuidString)", directoryHint: .isDirectory)
        let data = folder.appending(path: "data", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = weft
        process.arguments = ["serve", "--port", "0", "--data-dir", data.path, "--log-level", "warning", "--workers", String(workers)]
        process.currentDirectoryURL = folder
        process.standardOutput = try Self.logFile(folder.appending(path: "stdout.log"))
        process.standardError = try Self.logFile(folder.appending(path: "stderr.log"))
        launchedAt = .now
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw BenchmarkFailure("could not launch \(weft.path): \(error)")
        }
    }

    /// The port from the `weft: serving on http://HOST:PORT` line, once the server printed it; nil before that.
    /// Throws when the process exited without printing it.
    func announcedPort() throws -> Int? {
        let output = (try? String(contentsOf: folder.appending(path: "stdout.log"), encoding: .utf8)) ?? ""
        let marker = "weft: serving on http://"
        if let line = output.split(separator: "\n").first(where: { $0.hasPrefix(marker) }),
            let port = line.split(separator: ":").last.flatMap({ Int($0) })
        {
            return port
        }
        guard process.isRunning else {
            throw BenchmarkFailure("weft serve exited with status \(process.terminationStatus) before serving:\n\(errorOutput)")
        }
        return nil
    }

    /// The child's process id.
    var processIdentifier: Int32 { process.processIdentifier }

    /// What the server wrote to standard error.
    var errorOutput: String {
        (try? String(contentsOf: folder.appending(path: "stderr.log"), encoding: .utf8)) ?? ""
    }

    /// Sends SIGTERM without waiting; ``stop()`` waits.
    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Sends SIGTERM and waits up to 10 s for the process to exit, then sends SIGKILL and waits up to 5 s more;
    /// deletes its folder.
    func stop() async {
        terminate()
        if await !exited(within: .seconds(10)) {
            kill(process.processIdentifier, SIGKILL)
            _ = await exited(within: .seconds(5))
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Polls every 5 ms (`Process.waitUntilExit` would block a thread of the concurrency pool).
    private func exited(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return !process.isRunning
    }

    private static func logFile(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BenchmarkFailure("could not create \(url.path)")
        }
        return try FileHandle(forWritingTo: url)
    }
}
