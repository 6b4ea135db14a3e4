import OrderedCollections
import WeftCore

/// The one JSON object `weft run --json` prints: `{"prompt_id", "status", "outputs", "node_errors", "error"}`.
///
/// `status` is `success`, `error` (a node failed), `interrupted` or `invalid` (nothing ran). `error` is null on
/// success and otherwise in ComfyUI's shapes: the validation error object (`{type, message, details, extra_info}`),
/// `execution_error`'s payload, or `execution_interrupted`'s payload.
struct RunReport {
    var promptID: String
    var status: String
    /// UI data per node (history's `outputs`).
    var outputs: JSONValue = .object([:])
    /// ComfyUI's `node_errors`.
    var nodeErrors: JSONValue = .object([:])
    var error: JSONValue = .null

    var json: JSONValue {
        ["prompt_id": .string(promptID), "status": .string(status), "outputs": outputs, "node_errors": nodeErrors, "error": error]
    }

    /// A workflow refused before validation.
    static func rejected(_ rejection: WorkflowRejection, promptID: String) -> RunReport {
        RunReport(promptID: promptID, status: "invalid", error: rejection.validationError.json)
    }

    /// A workflow none of whose outputs can run.
    static func invalid(_ outcome: ValidationOutcome, promptID: String) -> RunReport {
        RunReport(promptID: promptID, status: "invalid", nodeErrors: outcome.nodeErrorsJSON, error: outcome.error?.json ?? .null)
    }

    /// A run stopped by Ctrl-C before its first node started.
    static func interruptedBeforeStart(promptID: String, nodeErrors: JSONValue) -> RunReport {
        let report = InterruptionReport(promptID: promptID, nodeID: nil, nodeType: nil, executed: [])
        return RunReport(promptID: promptID, status: "interrupted", nodeErrors: nodeErrors, error: report.json)
    }

    /// A run that executed, with the node errors of the outputs validation skipped.
    static func executed(_ outcome: ExecutionOutcome, validation: ValidationOutcome) -> RunReport {
        var report = RunReport(
            promptID: outcome.promptID, status: "success",
            outputs: .object(outcome.outputs), nodeErrors: validation.nodeErrorsJSON
        )
        switch outcome.status {
        case .success: break
        case .failed(let failure):
            report.status = "error"
            report.error = failure.json
        case .interrupted(let interruption):
            report.status = "interrupted"
            report.error = interruption.json
        }
        return report
    }
}
