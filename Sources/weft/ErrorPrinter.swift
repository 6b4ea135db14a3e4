import OrderedCollections
import WeftCore

/// Formats validation and execution failures for a person: one line per problem, each naming the node
/// (`#3 IntMath "My math": Value -5 smaller than min of 0 (a)`).
struct ErrorPrinter {
    /// The workflow the errors are about (for classes and titles).
    let workflow: Workflow

    /// Why nothing can run: the prompt-level error, then every node error.
    func validationFailureLines(_ outcome: ValidationOutcome) -> [String] {
        var lines: [String] = []
        if let error = outcome.error {
            var header = "error: \(error.message)"
            if outcome.nodeErrors.isEmpty, !error.details.isEmpty { header += " (\(error.details))" }
            lines.append(header)
        }
        lines += nodeErrorLines(outcome.nodeErrors, showDependents: false)
        return lines
    }

    /// The node errors of a prompt that still runs: which outputs are skipped and why.
    func validationWarningLines(_ outcome: ValidationOutcome) -> [String] {
        guard !outcome.nodeErrors.isEmpty else { return [] }
        let skipped = Set(outcome.nodeErrors.values.flatMap(\.dependentOutputs))
        return ["warning: \(skipped.count) output node(s) failed validation and will not run:"]
            + nodeErrorLines(outcome.nodeErrors, showDependents: true)
    }

    /// A node's failure: the node, the error message and type, and the inputs it was given.
    func executionErrorLines(_ report: ExecutionErrorReport) -> [String] {
        let label = TextFormatting.nodeLabel(report.nodeID, in: workflow, classType: report.nodeType)
        var lines = ["error: \(label) failed: \(report.exceptionMessage) (\(report.exceptionType))"]
        if !report.currentInputs.isEmpty {
            let inputs = report.currentInputs.map { name, items in "\(name)=\(Self.summary(of: items))" }
            lines.append("  inputs: " + inputs.joined(separator: ", "))
        }
        return lines
    }

    /// Where a run stopped after Ctrl-C.
    func interruptionLines(_ report: InterruptionReport) -> [String] {
        var line = "interrupted"
        if let node = report.nodeID {
            line += " at " + TextFormatting.nodeLabel(node, in: workflow, classType: report.nodeType)
        }
        line += " (\(report.executed.count) node(s) had finished)"
        return [line]
    }

    // MARK: helpers

    private func nodeErrorLines(_ nodeErrors: OrderedDictionary<NodeID, NodeErrorReport>, showDependents: Bool) -> [String] {
        var lines: [String] = []
        for (id, report) in nodeErrors {
            let label = TextFormatting.nodeLabel(id, in: workflow, classType: report.classType)
            for error in report.errors {
                var line = "  \(label): \(error.message)"
                if !error.details.isEmpty { line += " (\(error.details))" }
                lines.append(line)
            }
            if showDependents, !report.dependentOutputs.isEmpty {
                lines.append("    skips output " + report.dependentOutputs.map { "#\($0)" }.joined(separator: ", "))
            }
        }
        return lines
    }

    /// One input's items, compactly: a single item as its JSON, several as a list, long text cut.
    private static func summary(of items: [JSONValue]) -> String {
        let shown = items.prefix(3).map { TextFormatting.oneLine($0.serialized(), limit: 60) }
        if items.count == 1 { return shown[0] }
        return "[" + shown.joined(separator: ", ") + (items.count > 3 ? ", … \(items.count) items" : "") + "]"
    }
}
