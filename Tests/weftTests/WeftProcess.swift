import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `weft` binary as a child process, its output captured in files (never a pipe, so a chatty child
/// can never block on a full pipe).
struct WeftProcess {
    /// How a run ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Whether the process exited normally (as opposed to being killed by a signal).
        var exited: Bool
    }

    /// The `weft` executable: `WEFT_BINARY` when set, else the one built next to the test bundle (with or without
    /// `--scratch-path`), else `.build/debug/weft` in the package.
    static let binary: URL = {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["WEFT_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appending(path: "weft"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appending(path: "weft"))
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appending(path: "weft"))
        }
        candidates.append(packageRoot.appending(path: ".build/debug/weft"))
        return candidates.first { fileManager.isExecutableFile(atPath: $0.path(percentEncoded: false)) }
            ?? candidates.last!
    }()

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // weftTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A workflow in the package's `Workflows/` folder.
    static func workflow(_ name: String) -> String {
        packageRoot.appending(path: "Workflows/\(name)").path(percentEncoded: false)
    }

    let arguments: [String]
    /// The working directory (the default data directory).
    let directory: URL
    /// Text piped to standard input, if any.
    var standardInput: String?
    /// Variables added to this process's environment for the child.
    var environment: [String: String] = [:]

    /// Starts the process; `onStart` receives its pid and the file its standard output goes to, while it runs.
    /// The process is killed after `timeout`.
    func run(timeout: Duration = .seconds(60), onStart: (@Sendable (Int32, URL) async -> Void)? = nil) async throws -> Result {
        let id = UUID().uuidString
        let stdoutURL = directory.appending(path: ".stdout-\(id)")
        let stderrURL = directory.appending(path: ".stderr-\(id)")
        _ = FileManager.default.createFile(atPath: stdoutURL.path(percentEncoded: false), contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path(percentEncoded: false), contents: nil)
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let input = Pipe()
        process.standardInput = input

        let (exits, continuation) = AsyncStream.makeStream(of: Void.self)
        process.terminationHandler = { _ in continuation.yield() }
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(Data(standardInput.utf8)) }
        try? input.fileHandleForWriting.close()
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        if let onStart { await onStart(pid, stdoutURL) }
        for await _ in exits { break }
        watchdog.cancel()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "",
            exited: process.terminationReason == .exit
        )
    }
}

/// Runs `weft` with arguments in a directory.
func weft(_ arguments: String..., in directory: URL, input: String? = nil) async throws -> WeftProcess.Result {
    var process = WeftProcess(arguments: arguments, directory: directory)
    process.standardInput = input
    return try await process.run()
}
