public import Foundation

/// Settings of remote nodes (base URLs, model names) that may name an environment variable instead of giving a
/// value, so one workflow runs against whatever provider the environment configures: `$NAME`, `${NAME}` or
/// `${NAME:-fallback}` (the fallback when the variable is unset or empty), as the whole value.
///
/// Variables whose names say they hold a secret (`KEY`, `TOKEN`, `SECRET`, `PASSWORD`, `CREDENTIAL`) are refused:
/// a workflow must not be able to send a key somewhere as a model name or URL.
public struct EnvironmentSettings: Sendable {
    private let environment: [String: String]

    /// Creates the resolver over an environment (the process's by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The value `text` stands for; `field` names the input in errors.
    ///
    /// - Throws: `EnvironmentSettingError` when the variable is unset with no fallback, or names a secret.
    public func resolve(_ text: String, field: String) throws(EnvironmentSettingError) -> String {
        guard let (name, fallback) = Self.reference(in: text) else { return text }
        if SecretStore.nameSaysSecret(name) { throw .namesSecret(field: field, variable: name) }
        if let value = environment[name], !value.isEmpty { return value }
        guard let fallback else { throw .unset(field: field, variable: name) }
        return fallback
    }

    /// The variable name and fallback of a reference, or nil when `text` is a plain value.
    private static func reference(in text: String) -> (name: String, fallback: String?)? {
        if let match = text.wholeMatch(of: #/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?\}/#) {
            return (String(match.1), match.2.map(String.init))
        }
        if let match = text.wholeMatch(of: #/\$([A-Za-z_][A-Za-z0-9_]*)/#) {
            return (String(match.1), nil)
        }
        return nil
    }
}

/// Why a setting that names an environment variable has no value.
public enum EnvironmentSettingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The variable is unset or empty and the reference gives no fallback.
    case unset(field: String, variable: String)
    /// The variable's name says it holds a secret, which settings may not read.
    case namesSecret(field: String, variable: String)

    /// A sentence naming the input and the variable.
    public var description: String {
        switch self {
        case .unset(let field, let variable):
            "\(field) names the environment variable \(variable), which is not set (write ${\(variable):-fallback} to give a fallback)"
        case .namesSecret(let field, let variable):
            "\(field) names the environment variable \(variable), which holds a secret; only API key inputs may name secrets"
        }
    }
}
