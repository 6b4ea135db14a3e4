/// Why a ``JobStore`` call failed.
public enum JobStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A prompt with this id is already pending, running or in history.
    case duplicatePromptID(String)
    /// A stored column of this prompt could not be read back.
    case corruptRow(promptID: String, column: String, reason: String)
    /// Any other SQLite or GRDB failure, with its message.
    case database(String)

    /// Wraps any error thrown inside a database access, keeping store errors as they are.
    init(wrapping error: any Error) {
        if let error = error as? JobStoreError {
            self = error
        } else {
            self = .database(String(describing: error))
        }
    }

    /// A sentence that names the prompt and column concerned.
    public var description: String {
        switch self {
        case .duplicatePromptID(let promptID):
            "A prompt with id \"\(promptID)\" is already pending, running or in history."
        case .corruptRow(let promptID, let column, let reason):
            "The stored prompt \"\(promptID)\" has an unreadable \(column) column: \(reason)."
        case .database(let message):
            "The job database failed: \(message)"
        }
    }
}
