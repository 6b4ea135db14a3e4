/// Why a secret could not be had; messages name keys and files, never secret values.
public enum SecretStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No environment variable and no secrets-file entry called `name` has a value.
    case missing(name: String, secretsFile: String)
    /// The secrets file exists but could not be used.
    case unreadableFile(path: String, reason: String)

    /// A message saying which key is missing and where it was looked for.
    public var description: String {
        switch self {
        case .missing(let name, let secretsFile):
            "the secret \"\(name)\" is not set: define the environment variable \(name) or add \"\(name)\" to \(secretsFile)"
        case .unreadableFile(let path, let reason):
            "the secrets file \(path) cannot be used: \(reason)"
        }
    }
}
