import ArgumentParser
import Foundation
import OrderedCollections
import WeftCore
import WeftNodes

/// `weft validate FILE`: parses and validates a workflow without running it.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a workflow without running it.",
        discussion: """
            Prints which output nodes would run, or every error found, per node. With --json, prints what ComfyUI's \
            POST /prompt would answer: {"prompt_id", "number", "node_errors"}, or the 400 body {"error", "node_errors"}.

            Exit codes: 0 valid (some outputs may be skipped), 2 invalid.
            """
    )

    @OptionGroup var workflow: WorkflowOptions

    @Flag(name: .customLong("json"), help: "Print ComfyUI's JSON response instead of text.")
    var json = false

    func run() async throws {
        let registry = try BuiltinNodes.registry(imageSettings: .workingDirectory)
        let request: PromptRequest
        do {
            request = try WorkflowLoader(registry: registry).load(path: workflow.file, overrides: workflow.overrides)
        } catch {
            if json {
                let body: JSONValue = ["error": error.validationError.json, "node_errors": .object([:])]
                StandardStream.output.writeLine(body.serialized())
            } else {
                StandardStream.error.writeLines(error.lines)
            }
            throw ExitCode(ExitStatus.invalid)
        }
        let outcome = PromptValidator(registry: registry).validate(request)
        let printer = ErrorPrinter(workflow: request.workflow)
        guard let plan = outcome.plan else {
            if json {
                StandardStream.output.writeLine((outcome.errorResponseJSON ?? .null).serialized())
            } else {
                StandardStream.error.writeLines(printer.validationFailureLines(outcome))
            }
            throw ExitCode(ExitStatus.invalid)
        }
        if json {
            let promptID = request.promptID ?? UUID().uuidString.lowercased()
            let body: JSONValue = ["prompt_id": .string(promptID), "number": 0, "node_errors": outcome.nodeErrorsJSON]
            StandardStream.output.writeLine(body.serialized())
        } else {
            StandardStream.output.writeLine(
                "valid: \(plan.outputs.count) output node(s) will run: " + plan.outputs.joined(separator: ", ")
            )
            StandardStream.error.writeLines(printer.validationWarningLines(outcome))
        }
    }
}
