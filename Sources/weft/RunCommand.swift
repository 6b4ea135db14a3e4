import ArgumentParser
import WeftCore

/// `weft run FILE`: validates and runs a workflow, showing progress and where the outputs went.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an API-format workflow.",
        discussion: """
            Only the output nodes and what they need run. Progress is drawn live on a terminal and printed as plain \
            lines otherwise; Ctrl-C stops the running node cleanly (press it twice to quit at once).

            Exit codes: 0 success, 1 a node failed, 2 invalid workflow or options, 130 interrupted.
            """
    )

    @OptionGroup var workflow: WorkflowOptions

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp("The data directory holding models/, input/, output/ and temp/ (default: the working directory).", valueName: "DIR"))
    var dataDirectory: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Where outputs are written (default: <data dir>/output).", valueName: "DIR"))
    var outputDirectory: String?

    @Flag(name: .customLong("json"), help: "Print only one JSON object with the status, outputs and errors to standard output.")
    var json = false

    @Option(name: .customLong("max-concurrent-nodes"), help: ArgumentHelp("How many independent nodes may run at once.", valueName: "N"))
    var maxConcurrentNodes = ExecutorConfiguration().maxConcurrentNodes

    @Flag(name: .customLong("disable-metadata"), help: "Do not embed the prompt and workflow in saved PNGs.")
    var disableMetadata = false

    func validate() throws {
        guard maxConcurrentNodes >= 1 else {
            throw ArgumentParser.ValidationError("--max-concurrent-nodes must be at least 1")
        }
    }

    func run() async throws {
        let settings = WorkflowRun.Settings(
            file: workflow.file, overrides: workflow.overrides, dataDirectory: dataDirectory,
            outputDirectory: outputDirectory, json: json, maxConcurrentNodes: maxConcurrentNodes,
            embedsMetadata: !disableMetadata
        )
        let status = await WorkflowRun(settings: settings).perform()
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
