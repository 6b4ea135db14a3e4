import ArgumentParser
import Foundation
import Logging
import WeftCore
import WeftNodes
import WeftRemote
import WeftServer

/// `weft serve`: the ComfyUI-compatible HTTP and WebSocket server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve ComfyUI's HTTP and WebSocket API with a queue and history that survive restarts.",
        discussion: """
            Without --auth-token the server listens on 127.0.0.1 only, unless told otherwise (it warns then).
            The token may also come from the WEFT_AUTH_TOKEN environment variable, which keeps it out of `ps`.
            """
    )

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "IP"))
    var listen = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "PORT"))
    var port = 8188

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp("Holds models/, input/, output/, temp/, user/ and weft.sqlite (default: the working directory).", valueName: "DIR"))
    var dataDirectory: String?

    @Option(name: .customLong("output-directory"), help: ArgumentHelp("Where outputs go instead of <data dir>/output.", valueName: "DIR"))
    var outputDirectory: String?

    @Option(name: .customLong("input-directory"), help: ArgumentHelp("Where inputs and uploads live instead of <data dir>/input.", valueName: "DIR"))
    var inputDirectory: String?

    @Option(
        name: .customLong("temp-directory"), help: ArgumentHelp("Temporary files go in DIR/temp (emptied at start), as in ComfyUI.", valueName: "DIR")
    )
    var tempDirectory: String?

    @Option(name: .customLong("max-upload-size"), help: ArgumentHelp("The largest request body accepted, in MB.", valueName: "MB"))
    var maxUploadSize: Double = 100

    @Option(name: .customLong("auth-token"), help: ArgumentHelp("Require this bearer token on every route but the web UI.", valueName: "TOKEN"))
    var authToken: String?

    @Option(help: ArgumentHelp("How many prompts run at the same time.", valueName: "N"))
    var workers = 1

    @Option(
        name: .customLong("max-concurrent-nodes"), help: ArgumentHelp("How many independent nodes of one prompt may run at once.", valueName: "N"))
    var maxConcurrentNodes = 4

    @Option(name: .customLong("cache-size"), help: ArgumentHelp("Memory bound of the node output cache, in MB.", valueName: "MB"))
    var cacheSize = 2048

    @Flag(name: .customLong("disable-metadata"), help: "Do not embed the prompt and workflow in saved PNGs.")
    var disableMetadata = false

    @Flag(name: .customLong("multi-user"), help: "Scope queue, history, input and output by the Comfy-User header.")
    var multiUser = false

    @Flag(name: .customLong("requeue-interrupted"), help: "Queue prompts cut off by a crash again instead of failing them.")
    var requeueInterrupted = false

    @Option(name: .customLong("history-max-items"), help: ArgumentHelp("Keep at most N history entries.", valueName: "N"))
    var historyMaxItems = 10_000

    @Option(name: .customLong("history-max-age"), help: ArgumentHelp("Drop history entries older than this many hours.", valueName: "HOURS"))
    var historyMaxAge: Double?

    @Option(help: ArgumentHelp("POST a JSON summary of every finished prompt to this URL.", valueName: "URL"))
    var webhook: String?

    @Option(
        name: .customLong("web-root"),
        help: ArgumentHelp("Serve this folder's web UI at / (default: web-static beside the data dir, if present).", valueName: "DIR"))
    var webRoot: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard maxUploadSize > 0 else { throw ValidationError("--max-upload-size must be positive.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level.") }
        if let webhook, !(webhook.hasPrefix("http://") || webhook.hasPrefix("https://")) {
            throw ValidationError("--webhook must be an http:// or https:// URL.")
        }
    }

    func run() async throws {
        let configuration = makeConfiguration()
        let secrets: SecretSetup
        do {
            secrets = try SecretSetup(dataDirectory: configuration.directories.root)
        } catch {
            StandardStream.error.writeLine("weft serve: \(error)")
            throw ExitCode(ExitStatus.invalid)
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let redactor = secrets.redactor
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return RedactingLogHandler(wrapped: handler, redact: redactor.redactText)
        }
        let logger = Logger(label: "weft.server")
        let server: WeftServer
        do {
            server = try WeftServer(
                configuration: configuration, registry: try registry(configuration, services: secrets.services), secretRedactor: redactor,
                logger: logger)
        } catch {
            StandardStream.error.writeLine("weft serve: \(error)")
            throw ExitCode(ExitStatus.executionFailed)
        }
        let host = configuration.host
        try await server.run { port in
            logger.info("Weft is serving", metadata: ["url": .string("http://\(host):\(port)")])
            StandardStream.output.writeLine("weft: serving on http://\(host):\(port)")
        }
    }

    /// The built-in nodes; loaders list and check the shared input folder unless files are per user.
    private func registry(_ configuration: ServerConfiguration, services: RemoteNodeServices) throws -> NodeRegistry {
        let settings = ImageNodeSettings(directories: multiUser ? nil : configuration.directories, embedsMetadata: !disableMetadata)
        return try BuiltinNodes.registry(imageSettings: settings, remoteServices: services)
    }

    private func makeConfiguration() -> ServerConfiguration {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let root = URL(fileURLWithPath: dataDirectory ?? workingDirectory, isDirectory: true).standardizedFileURL
        var configuration = ServerConfiguration(dataDirectory: root)
        configuration.host = listen
        configuration.port = port
        if let outputDirectory { configuration.directories.output = Self.folder(outputDirectory) }
        if let inputDirectory { configuration.directories.input = Self.folder(inputDirectory) }
        if let tempDirectory { configuration.directories.temp = Self.folder(tempDirectory).appending(path: "temp", directoryHint: .isDirectory) }
        configuration.maxUploadBytes = Int(maxUploadSize * 1024 * 1024)
        configuration.authToken = authToken ?? ProcessInfo.processInfo.environment["WEFT_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.workers = workers
        configuration.maxConcurrentNodes = maxConcurrentNodes
        configuration.cacheBytes = cacheSize * 1024 * 1024
        configuration.multiUser = multiUser
        configuration.requeueInterrupted = requeueInterrupted
        configuration.historyMaxItems = historyMaxItems
        configuration.historyMaxAge = historyMaxAge.map { $0 * 3600 }
        configuration.webhookURL = webhook
        let defaultWebRoot = URL(fileURLWithPath: workingDirectory).appending(path: "web-static")
        if let webRoot {
            configuration.staticRoot = Self.folder(webRoot)
        } else if FileManager.default.fileExists(atPath: defaultWebRoot.appending(path: "index.html").path) {
            configuration.staticRoot = defaultWebRoot
        }
        return configuration
    }

    private static func folder(_ path: String) -> URL {
        URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }
}
