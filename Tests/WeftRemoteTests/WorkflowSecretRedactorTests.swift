import RemoteTestSupport
import Testing
import WeftCore
import WeftNodes
import WeftRemote

@Suite struct WorkflowSecretRedactorTests {
    private let configured = "sk-configured-0123456789abcdef"
    private let pasted = "sk-pasted-fedcba9876543210zz"

    private func redactor() -> WorkflowSecretRedactor {
        WorkflowSecretRedactor(secrets: SecretStore(environment: ["OPENAI_API_KEY": configured]))
    }

    private func prompt(keyField: String, text: String = "a quiet harbour") -> JSONValue {
        [
            "1": [
                "class_type": "LLMChat",
                "inputs": [
                    "user_prompt": .string(text), "system_prompt": "", "model": "m", "base_url": "http://127.0.0.1:1/v1",
                    "api_key_name": .string(keyField),
                ],
            ],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
    }

    @Test func aKeyPastedIntoAKeyNameInputBecomesANameThatStillResolves() throws {
        let redactor = redactor()
        let registry = try BuiltinNodes.registry()
        let redacted = redactor.redactPrompt(prompt(keyField: "my-own-unusual-key-value"), registry: registry)
        let name = try #require(redacted["1"]?["inputs"]?["api_key_name"]?.stringValue)
        #expect(name.hasPrefix("WEFT_INLINE_KEY_"))
        #expect(try redactor.secrets.value(named: name) == "my-own-unusual-key-value")
        #expect(!redacted.serialized().contains("my-own-unusual-key-value"))
        #expect(redacted["2"] == prompt(keyField: "")["2"], "links and other nodes are untouched")
        let again = redactor.redactPrompt(prompt(keyField: "my-own-unusual-key-value"), registry: registry)
        #expect(again == redacted, "the same literal gets the same name, so the cache still hits")
    }

    @Test func namesAreKeptAndKnownValuesBecomeTheirNames() throws {
        let redactor = redactor()
        let registry = try BuiltinNodes.registry()
        #expect(redactor.redactPrompt(prompt(keyField: "DASHSCOPE_API_KEY"), registry: registry) == prompt(keyField: "DASHSCOPE_API_KEY"))
        let known = redactor.redactPrompt(prompt(keyField: configured), registry: registry)
        #expect(known["1"]?["inputs"]?["api_key_name"] == "OPENAI_API_KEY")
    }

    @Test func keyShapedTextAnywhereIsReplaced() throws {
        let redactor = redactor()
        let redacted = redactor.redactPrompt(prompt(keyField: "OPENAI_API_KEY", text: "use \(pasted) please"), registry: try BuiltinNodes.registry())
        let text = try #require(redacted["1"]?["inputs"]?["user_prompt"]?.stringValue)
        #expect(!text.contains(pasted))
        #expect(text.hasPrefix("use WEFT_INLINE_KEY_"))
        #expect(
            redactor.redactText("failed: \(pasted) and \(configured), Authorization: Bearer abcdefghijklmnop1234")
                == "failed: [redacted] and [redacted], Authorization: Bearer [redacted]")
    }

    @Test func aPastedKeyIsGoneAfterARestartWithAClearError() {
        let before = SecretStore(environment: [:])
        let name = before.reference(forLiteral: pasted)
        let after = SecretStore(environment: [:])
        #expect(throws: SecretStoreError.pastedKeyGone(name: name)) { try after.value(named: name) }
        #expect(SecretStoreError.pastedKeyGone(name: name).description.contains("environment variable or secrets.json"))
    }

    @Test func keyNamesAreTellableFromKeys() {
        let store = SecretStore(environment: ["lower_case_known": "x"])
        #expect(store.isName("OPENAI_API_KEY"))
        #expect(store.isName(""))
        #expect(store.isName("lower_case_known"))
        #expect(!store.isName("sk-abc"))
        #expect(!store.isName("abcdef0123456789"))
        #expect(!store.isName("9LIVES"))
    }
}
