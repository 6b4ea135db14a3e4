import OrderedCollections
import WeftCore

/// Why a run was refused before validation: the file could not be read, it is not a usable API-format workflow,
/// a `--set` option does not fit it, or a data folder cannot be created. All exit with ``ExitStatus/invalid``.
enum WorkflowRejection: Error, Sendable {
    case unreadable(path: String, reason: String)
    case malformed(WorkflowError)
    case badOverride(InputOverrideError)
    case unusableDirectory(DirectoryError)

    /// The problem as lines for a person, one per problem.
    var lines: [String] {
        switch self {
        case .unreadable(let path, let reason): ["error: cannot read workflow file '\(path)': \(reason)"]
        case .malformed(let error): ["error: not a valid API-format workflow:"] + error.problems.map { "  \($0.path): \($0.message)" }
        case .badOverride(let error): ["error: \(error)"]
        case .unusableDirectory(let error): ["error: \(error)"]
        }
    }

    /// The problem in ComfyUI's error shape (`invalid_prompt`), for `--json` output.
    var validationError: WeftCore.ValidationError {
        switch self {
        case .unreadable(let path, let reason):
            WeftCore.ValidationError(
                kind: .invalidPrompt, message: "Cannot read the workflow file", details: "\(path): \(reason)",
                extraInfo: ["path": .string(path)]
            )
        case .malformed(let error):
            WeftCore.ValidationError(
                kind: .invalidPrompt, message: "Invalid workflow", details: error.description,
                extraInfo: ["problems": .array(error.problems.map { ["path": .string($0.path.description), "message": .string($0.message)] })]
            )
        case .badOverride(let error):
            WeftCore.ValidationError(
                kind: .invalidPrompt, message: "Invalid --set option", details: error.description,
                extraInfo: ["option": .string(error.option)]
            )
        case .unusableDirectory(let error):
            WeftCore.ValidationError(
                kind: .invalidPrompt, message: "Unusable data directory", details: error.description,
                extraInfo: ["path": .string(error.path)]
            )
        }
    }
}
