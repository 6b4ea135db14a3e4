import Foundation
import OrderedCollections
import WeftCore
import WeftNodes

/// One `weft run`: load, validate, execute with a progress display, report, and choose the exit code.
struct WorkflowRun {
    /// What the command line asked for.
    struct Settings {
        var file: String
        var overrides: [String]
        var dataDirectory: String?
        var outputDirectory: String?
        var json: Bool
        var maxConcurrentNodes: Int
        var embedsMetadata: Bool
    }

    let settings: Settings

    /// Runs the workflow and returns the process's exit code.
    func perform() async -> Int32 {
        let interruption = RunInterruption()
        defer { interruption.stop() }
        let promptID = UUID().uuidString.lowercased()

        let directories: DataDirectories
        do {
            directories = try DataDirectorySetup(dataDirectory: settings.dataDirectory, outputDirectory: settings.outputDirectory).prepare()
        } catch {
            let rejection = WorkflowRejection.unusableDirectory(error)
            StandardStream.error.writeLines(rejection.lines)
            emit(RunReport.rejected(rejection, promptID: promptID))
            return ExitStatus.invalid
        }
        let secrets: SecretSetup
        do {
            secrets = try SecretSetup(dataDirectory: directories.root)
        } catch {
            StandardStream.error.writeLine("error: \(error)")
            return ExitStatus.invalid
        }
        let registry: NodeRegistry
        do {
            registry = try BuiltinNodes.registry(
                imageSettings: ImageNodeSettings(directories: directories, embedsMetadata: settings.embedsMetadata),
                remoteServices: secrets.services)
        } catch {
            StandardStream.error.writeLine("error: cannot build the node registry: \(error)")
            return ExitStatus.executionFailed
        }

        let request: PromptRequest
        do {
            request = try WorkflowLoader(registry: registry, redactor: secrets.redactor).load(path: settings.file, overrides: settings.overrides)
        } catch {
            StandardStream.error.writeLines(error.lines)
            emit(RunReport.rejected(error, promptID: promptID))
            return ExitStatus.invalid
        }
        let runID = request.promptID ?? promptID

        guard !interruption.isRaised else { return interruptedBeforeStart(runID, nodeErrors: .object([:])) }

        let validation = PromptValidator(registry: registry).validate(request)
        let printer = ErrorPrinter(workflow: request.workflow)
        guard let plan = validation.plan else {
            StandardStream.error.writeLines(printer.validationFailureLines(validation))
            emit(RunReport.invalid(validation, promptID: runID))
            return ExitStatus.invalid
        }
        StandardStream.error.writeLines(printer.validationWarningLines(validation))
        guard !interruption.isRaised else { return interruptedBeforeStart(runID, nodeErrors: validation.nodeErrorsJSON) }

        let display = ProgressDisplays.make(for: request.workflow, on: settings.json ? .error : .output, quietWhenPiped: settings.json)
        interruption.display.set(display)

        let started = ContinuousClock.now
        let executor = PromptExecutor(
            configuration: ExecutorConfiguration(maxConcurrentNodes: settings.maxConcurrentNodes, redactor: secrets.redactor))
        let context = PromptRunContext(
            promptID: runID, extraData: request.extraData, directories: directories, interruption: interruption.flag
        )
        let outcome = await executor.execute(plan, context: context) { event in display.handle(event) }
        display.finish()
        let elapsed = ContinuousClock.now - started

        if settings.json {
            emit(RunReport.executed(outcome, validation: validation))
        } else {
            let summary = OutputSummary(directories: directories, workflow: request.workflow).lines(for: outcome.outputs)
            StandardStream.output.writeLines(summary)
        }
        switch outcome.status {
        case .success:
            if !settings.json {
                StandardStream.output.writeLine(
                    "finished in \(TextFormatting.duration(elapsed)): \(outcome.executed.count) node(s) ran, \(outcome.cached.count) cached"
                )
            }
            return ExitStatus.success
        case .failed(let report):
            StandardStream.error.writeLines(printer.executionErrorLines(report))
            return ExitStatus.executionFailed
        case .interrupted(let report):
            StandardStream.error.writeLines(printer.interruptionLines(report))
            return ExitStatus.interrupted
        }
    }

    /// Reports a Ctrl-C that came before the first node started.
    private func interruptedBeforeStart(_ promptID: String, nodeErrors: JSONValue) -> Int32 {
        StandardStream.error.writeLine("interrupted before the first node started")
        emit(RunReport.interruptedBeforeStart(promptID: promptID, nodeErrors: nodeErrors))
        return ExitStatus.interrupted
    }

    /// Prints the `--json` report (only with `--json`).
    private func emit(_ report: RunReport) {
        guard settings.json else { return }
        StandardStream.output.writeLine(report.json.serialized())
    }
}
