/// Why a secret could not be had; messages name keys and files, never secret values.
public enum SecretStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No environment variable and no secrets-file entry called `name` has a value.
    case missing(name: String, secretsFile: String)
    /// The workflow named a key that was pasted into it and held in memory only, and the process has restarted since.
    case pastedKeyGone(name: String)
    /// The secrets file exists but could not be used.
    case unreadableFile(path: String, reason: String)

    /// A message saying which key is missing and where it was looked for.
    public var description: String {
        switch self {
        case .missing(let name, let secretsFile):
            "the secret \"\(name)\" is not set: define the environment variable \(name) or add \"\(name)\" to \(secretsFile)"
        case .pastedKeyGone(let name):
            "the API key pasted into this workflow (stored as \(name)) was kept in memory only and is gone since Weft restarted: put the key in an environment variable or secrets.json and give its name instead"
        case .unreadableFile(let path, let reason):
            "the secrets file \(path) cannot be used: \(reason)"
        }
    }
}
