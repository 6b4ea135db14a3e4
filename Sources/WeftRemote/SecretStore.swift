public import Foundation
import OrderedCollections
import WeftCore

/// API keys and other secrets, referenced by name and never by value.
///
/// A name resolves to the environment variable of that name first, then to the entry of that name in the
/// secrets file (`secrets.json` in the data directory, a JSON object of strings), then to a key that was pasted
/// into a workflow and is held in memory under a generated name (see ``reference(forLiteral:)``). The file is read
/// once, when the store is created. Copies of a store share the pasted keys.
public struct SecretStore: Sendable {
    /// The name of the secrets file inside the data directory.
    public static let fileName = "secrets.json"

    /// Secrets shorter than this are not redacted, so that short common words are never mangled.
    public static let minimumRedactedLength = 8

    private let environment: [String: String]
    private let fileSecrets: [String: String]
    private let fileDescription: String
    private let inline = InlineSecretVault()
    /// Each configured secret value of redactable length, with the name it is configured under; worked out once.
    private let configured: [String: String]

    /// Creates a store over an environment and an optional secrets file; a file that does not exist holds no secrets.
    ///
    /// - Throws: `SecretStoreError.unreadableFile` when the file exists but is not a JSON object of strings.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, secretsFile: URL?) throws {
        self.environment = environment
        self.fileDescription = secretsFile?.path ?? "(no secrets file)"
        guard let secretsFile, FileManager.default.fileExists(atPath: secretsFile.path) else {
            self.fileSecrets = [:]
            self.configured = Self.configuredSecrets(environment: environment, fileSecrets: [:])
            return
        }
        self.fileSecrets = try Self.readSecrets(from: secretsFile)
        self.configured = Self.configuredSecrets(environment: environment, fileSecrets: fileSecrets)
    }

    /// Creates a store over an environment alone, with no secrets file.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.fileSecrets = [:]
        self.fileDescription = "(no secrets file)"
        self.configured = Self.configuredSecrets(environment: environment, fileSecrets: [:])
    }

    /// Creates a store over the process environment and `secrets.json` in `dataDirectory`.
    public init(dataDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(environment: environment, secretsFile: dataDirectory.appendingPathComponent(Self.fileName))
    }

    /// The secret called `name`: the environment variable of that name, else the secrets file's entry.
    ///
    /// - Throws: `SecretStoreError.missing` naming the key (never a value) when neither has a non-empty value.
    public func value(named name: String) throws(SecretStoreError) -> String {
        if let value = environment[name], !value.isEmpty { return value }
        if let value = fileSecrets[name], !value.isEmpty { return value }
        if let value = inline.value(named: name) { return value }
        if InlineSecretVault.isGeneratedName(name) { throw .pastedKeyGone(name: name) }
        throw .missing(name: name, secretsFile: fileDescription)
    }

    /// Whether a variable's name says it holds a secret: it contains `KEY`, `TOKEN`, `SECRET`, `PASSWORD` or
    /// `CREDENTIAL`, in any case.
    public static func nameSaysSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL"].contains(where: upper.contains)
    }

    /// Whether `text` reads as a secret's name rather than a secret: empty, a name this store knows, or an
    /// environment-variable-style name (`DASHSCOPE_API_KEY`: capitals, digits and underscores, at most 128 long).
    /// Real keys have lower-case letters or dashes, so a pasted key is never taken for a name.
    public func isName(_ text: String) -> Bool {
        if text.isEmpty || environment[text] != nil || fileSecrets[text] != nil || inline.value(named: text) != nil { return true }
        guard text.utf8.count <= 128, let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }

    /// A name that resolves to `literal`: the configured name when the literal is a known secret's value, else a
    /// generated `WEFT_INLINE_KEY_…` name held in this process's memory only.
    public func reference(forLiteral literal: String) -> String {
        configuredName(of: literal) ?? inline.name(for: literal)
    }

    /// `text` with every known secret value of at least `minimumRedactedLength` characters, every pasted key and
    /// everything with a well-known key's shape (`sk-…`, `Bearer …`) replaced by `[redacted]`.
    ///
    /// Known secrets are every value in the secrets file, plus environment variables that override a file entry or
    /// whose names say they hold a secret (containing `KEY`, `TOKEN`, `SECRET`, `PASSWORD` or `CREDENTIAL`).
    public func redact(_ text: String) -> String {
        var result = text
        for secret in knownSecrets.keys.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return result.replacing(KeyShapes.keys, with: "[redacted]").replacing(KeyShapes.bearer, with: "Bearer [redacted]")
    }

    /// `text` with every secret in it replaced by a name that resolves to it (see ``reference(forLiteral:)``), so
    /// the text can be stored and still be used: known secret values and anything with a well-known key's shape.
    public func referencing(_ text: String) -> String {
        var result = text
        for (secret, name) in knownSecrets.sorted(by: { $0.key.count > $1.key.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: name)
        }
        for key in Set(KeyShapes.keys(in: result).map(String.init)) {
            result = result.replacingOccurrences(of: key, with: inline.name(for: key))
        }
        return result
    }

    /// The values `redact` replaces, each with a name that resolves to it: the configured ones and the pasted ones.
    private var knownSecrets: [String: String] {
        configured.merging(inline.namesByValue.filter { $0.key.count >= Self.minimumRedactedLength }) { configuredName, _ in configuredName }
    }

    /// Every value in the secrets file, plus environment variables that override a file entry or whose names say they
    /// hold a secret, of redactable length, each with its name.
    private static func configuredSecrets(environment: [String: String], fileSecrets: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in fileSecrets { values[value] = name }
        for (name, value) in environment where fileSecrets[name] != nil || nameSaysSecret(name) { values[value] = name }
        return values.filter { $0.key.count >= minimumRedactedLength }
    }

    /// The environment or secrets-file name whose value is `literal`, if any.
    private func configuredName(of literal: String) -> String? {
        guard literal.count >= Self.minimumRedactedLength else { return nil }
        return configured[literal]
    }

    private static func readSecrets(from file: URL) throws -> [String: String] {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: file))
        } catch {
            throw SecretStoreError.unreadableFile(path: file.path, reason: "it cannot be read")
        }
        guard case .object(let members)? = try? JSONParser().parse(bytes) else {
            throw SecretStoreError.unreadableFile(path: file.path, reason: "it is not a JSON object")
        }
        var secrets: [String: String] = [:]
        for (name, value) in members {
            guard let string = value.stringValue else {
                throw SecretStoreError.unreadableFile(path: file.path, reason: "the entry \"\(name)\" is not a string")
            }
            secrets[name] = string
        }
        return secrets
    }
}
