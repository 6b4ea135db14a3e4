import Foundation
import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct SecretStoreTests {
    private func secretsFile(_ text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weft-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(SecretStore.fileName)
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func environmentWinsOverTheFile() throws {
        let file = try secretsFile(#"{"DASHSCOPE_API_KEY": "sk-from-file-123", "OTHER_KEY": "other-secret-456"}"#)
        let store = try SecretStore(environment: ["DASHSCOPE_API_KEY": "sk-from-env-789"], secretsFile: file)
        #expect(try store.value(named: "DASHSCOPE_API_KEY") == "sk-from-env-789")
        #expect(try store.value(named: "OTHER_KEY") == "other-secret-456")
    }

    @Test func dataDirectoryInitialiserReadsSecretsJSON() throws {
        let file = try secretsFile(#"{"OPENAI_API_KEY": "sk-data-dir-key"}"#)
        let store = try SecretStore(dataDirectory: file.deletingLastPathComponent(), environment: [:])
        #expect(try store.value(named: "OPENAI_API_KEY") == "sk-data-dir-key")
    }

    @Test func missingNameIsAnErrorNamingTheKeyOnly() throws {
        let file = try secretsFile(#"{"PRESENT_KEY": "sk-present-value"}"#)
        let store = try SecretStore(environment: ["EMPTY_KEY": ""], secretsFile: file)
        for name in ["ABSENT_KEY", "EMPTY_KEY"] {
            let error = #expect(throws: SecretStoreError.self) { try store.value(named: name) }
            let message = error?.description ?? ""
            #expect(message.contains(name))
            #expect(message.contains(file.path))
            #expect(!message.contains("sk-present-value"))
        }
    }

    @Test func missingFileHoldsNoSecrets() throws {
        let store = try SecretStore(environment: [:], secretsFile: URL(fileURLWithPath: "/nonexistent/secrets.json"))
        #expect(throws: SecretStoreError.self) { try store.value(named: "ANY_KEY") }
    }

    @Test func malformedFileIsRefusedWithoutShowingValues() throws {
        let notObject = try secretsFile(#"["sk-in-an-array-1"]"#)
        #expect(throws: SecretStoreError.unreadableFile(path: notObject.path, reason: "it is not a JSON object")) {
            try SecretStore(environment: [:], secretsFile: notObject)
        }
        let notString = try secretsFile(#"{"NUMBER_KEY": 12345678}"#)
        #expect(throws: SecretStoreError.unreadableFile(path: notString.path, reason: "the entry \"NUMBER_KEY\" is not a string")) {
            try SecretStore(environment: [:], secretsFile: notString)
        }
    }

    @Test func redactReplacesEveryKnownSecret() throws {
        let file = try secretsFile(#"{"FILE_KEY": "sk-file-secret-1", "SHORT_KEY": "abc"}"#)
        let environment = ["MY_API_TOKEN": "tok-environment-2", "HOME": "/home/someone", "FILE_KEY_COPY": "sk-file-secret-1-longer"]
        let store = try SecretStore(environment: environment, secretsFile: file)
        let text = "used sk-file-secret-1 twice: sk-file-secret-1, sk-file-secret-1-longer, tok-environment-2 in /home/someone, abc stays"
        #expect(store.redact(text) == "used [redacted] twice: [redacted], [redacted], [redacted] in /home/someone, abc stays")
    }
}
