public import Foundation
import OrderedCollections
import WeftCore

/// API keys and other secrets, referenced by name and never by value.
///
/// A name resolves to the environment variable of that name first, then to the entry of that name in the
/// secrets file (`secrets.json` in the data directory, a JSON object of strings). The file is read once,
/// when the store is created.
public struct SecretStore: Sendable {
    /// The name of the secrets file inside the data directory.
    public static let fileName = "secrets.json"

    /// Secrets shorter than this are not redacted, so that short common words are never mangled.
    public static let minimumRedactedLength = 8

    private let environment: [String: String]
    private let fileSecrets: [String: String]
    private let fileDescription: String

    /// Creates a store over an environment and an optional secrets file; a file that does not exist holds no secrets.
    ///
    /// - Throws: `SecretStoreError.unreadableFile` when the file exists but is not a JSON object of strings.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, secretsFile: URL?) throws {
        self.environment = environment
        self.fileDescription = secretsFile?.path ?? "(no secrets file)"
        guard let secretsFile, FileManager.default.fileExists(atPath: secretsFile.path) else {
            self.fileSecrets = [:]
            return
        }
        self.fileSecrets = try Self.readSecrets(from: secretsFile)
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
        throw .missing(name: name, secretsFile: fileDescription)
    }

    /// `text` with every known secret value of at least `minimumRedactedLength` characters replaced by `[redacted]`.
    ///
    /// Known secrets are every value in the secrets file, plus environment variables that override a file entry or
    /// whose names say they hold a secret (containing `KEY`, `TOKEN`, `SECRET`, `PASSWORD` or `CREDENTIAL`).
    public func redact(_ text: String) -> String {
        var result = text
        for secret in knownSecrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return result
    }

    /// The values `redact` replaces, longest first so that a secret containing another is replaced whole.
    private var knownSecrets: [String] {
        let secretWords = ["KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL"]
        var values = Set(fileSecrets.values)
        for (name, value) in environment {
            let upper = name.uppercased()
            if fileSecrets[name] != nil || secretWords.contains(where: { upper.contains($0) }) { values.insert(value) }
        }
        return values.filter { $0.count >= Self.minimumRedactedLength }.sorted { $0.count > $1.count }
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
