/// Why a remote node cannot make its call, naming the input at fault.
enum RemoteNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A text input the call needs is empty.
    case emptyInput(String)

    /// A sentence naming the input.
    var description: String {
        switch self {
        case .emptyInput(let name): "\(name) is empty: there is nothing to send"
        }
    }
}
