import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import WeftCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `weft serve` child process on a port the system picked, its output captured in files (never a pipe), with
/// JSON helpers for its HTTP API.
///
/// Start one with ``start(data:arguments:environment:timeout:)`` and stop it with `defer { server.kill() }`: every child a
/// test starts must die with the test, even when the test fails.
final class ServeProcess: Sendable {
    /// An HTTP reply: its status code and its body read as JSON (`null` when the body is empty).
    struct Reply {
        var status: Int
        var json: JSONValue
    }

    /// How the process ended.
    struct Exit: Equatable {
        var status: Int32
        /// Whether it exited on its own rather than being killed by a signal.
        var exited: Bool
    }

    /// A server that did not come up.
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The child's process id.
    let pid: Int32
    /// The port the server bound.
    let port: Int
    /// When the process was launched.
    let launchedAt: ContinuousClock.Instant
    /// Held so the child's `Process` (and its termination handler) lives as long as this object.
    private let process: Process
    private let outputFile: URL
    private let errorFile: URL
    private let exit: ExitRecord

    /// How the process ended, set by its termination handler.
    private final class ExitRecord: Sendable {
        private let state = Mutex<Exit?>(nil)

        var value: Exit? { state.withLock { $0 } }

        func record(_ exit: Exit) { state.withLock { $0 = exit } }
    }

    private init(process: Process, port: Int, launchedAt: ContinuousClock.Instant, outputFile: URL, errorFile: URL, exit: ExitRecord) {
        self.process = process
        pid = process.processIdentifier
        self.port = port
        self.launchedAt = launchedAt
        self.outputFile = outputFile
        self.errorFile = errorFile
        self.exit = exit
    }

    /// The data directory the servers of a test share: `data/` inside the test's folder.
    static func dataDirectory(in folder: TemporaryDirectory) -> String {
        folder.path("data")
    }

    /// Launches `weft serve --port 0 --data-dir <folder>/data` plus `arguments`, with `environment` added to this
    /// process's own (without `WEFT_AUTH_TOKEN` unless given), and returns once the server prints the port it
    /// serves on. Kills the child and throws when that line does not come within `timeout`.
    static func start(
        data folder: TemporaryDirectory, arguments: [String] = [], environment: [String: String] = [:], timeout: Duration = .seconds(10)
    ) async throws -> ServeProcess {
        let launch = UUID().uuidString
        let outputFile = folder.url.appending(path: "serve-\(launch).stdout")
        let errorFile = folder.url.appending(path: "serve-\(launch).stderr")
        for file in [outputFile, errorFile] {
            _ = FileManager.default.createFile(atPath: file.path(percentEncoded: false), contents: nil)
        }
        let process = Process()
        process.executableURL = WeftProcess.binary
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory(in: folder)] + arguments
        process.currentDirectoryURL = folder.url
        var inherited = ProcessInfo.processInfo.environment
        inherited["WEFT_AUTH_TOKEN"] = nil
        process.environment = inherited.merging(environment) { _, given in given }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        let exit = ExitRecord()
        process.terminationHandler = { ended in
            exit.record(Exit(status: ended.terminationStatus, exited: ended.terminationReason == .exit))
        }
        let launchedAt = ContinuousClock.now
        try process.run()
        do {
            let port = try await servingPort(outputFile: outputFile, errorFile: errorFile, exit: exit, timeout: timeout)
            return ServeProcess(process: process, port: port, launchedAt: launchedAt, outputFile: outputFile, errorFile: errorFile, exit: exit)
        } catch {
            if exit.value == nil { deliver(SIGKILL, to: process.processIdentifier) }
            throw error
        }
    }

    /// Polls standard output for `weft: serving on http://HOST:PORT` and returns PORT.
    private static func servingPort(outputFile: URL, errorFile: URL, exit: ExitRecord, timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        let marker = "weft: serving on http://"
        while ContinuousClock.now < deadline {
            let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
            // Only whole lines: the port's digits may still be arriving.
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = lines.first(where: { $0.hasPrefix(marker) }), let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                return port
            }
            if let ended = exit.value {
                let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
                throw StartFailure(description: "weft serve exited (\(ended.status)) before serving: \(errors)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw StartFailure(description: "weft serve printed no port within \(timeout)")
    }

    /// What the server wrote to standard output so far.
    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// What the server wrote to standard error so far.
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// How the process ended, or nil while it runs.
    var exitStatus: Exit? { exit.value }

    /// Sends a signal unless the process has already ended (its pid may then belong to someone else).
    func signal(_ signal: Int32) {
        guard exitStatus == nil else { return }
        deliver(signal, to: pid)
    }

    /// Kills the process at once (SIGKILL); does nothing when it has already ended.
    func kill() {
        signal(SIGKILL)
    }

    /// Waits until the process has ended and returns how, or nil when it is still running after `timeout`.
    func waitForExit(timeout: Duration = .seconds(5)) async throws -> Exit? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let exitStatus { return exitStatus }
            try await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// `GET path`, with `Authorization: Bearer token` when a token is given.
    func get(_ path: String, token: String? = nil) async throws -> Reply {
        try await send(.GET, path, body: nil, token: token)
    }

    /// `POST path` with a JSON body, with `Authorization: Bearer token` when a token is given.
    func post(_ path: String, _ body: JSONValue, token: String? = nil) async throws -> Reply {
        try await send(.POST, path, body: body, token: token)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, token: String?) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.serialized()))
        }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        return Reply(status: Int(response.status.code), json: bytes.isEmpty ? .null : try JSONParser().parse(bytes))
    }
}

/// `kill(2)`, named apart from ``ServeProcess/kill()``.
private func deliver(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
}
