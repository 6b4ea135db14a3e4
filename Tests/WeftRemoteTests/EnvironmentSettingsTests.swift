import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct EnvironmentSettingsTests {
    private let settings = EnvironmentSettings(environment: ["LLM_URL": "http://127.0.0.1:9/v1", "EMPTY": "", "MY_API_KEY": "sk-x"])

    @Test func plainValuesPassThrough() throws {
        #expect(try settings.resolve("gpt-4o-mini", field: "model") == "gpt-4o-mini")
        #expect(try settings.resolve("price $5", field: "model") == "price $5")
    }

    @Test func referencesReadTheEnvironmentWithFallbacks() throws {
        #expect(try settings.resolve("$LLM_URL", field: "base_url") == "http://127.0.0.1:9/v1")
        #expect(try settings.resolve("${LLM_URL}", field: "base_url") == "http://127.0.0.1:9/v1")
        #expect(try settings.resolve("${UNSET:-https://api.openai.com/v1}", field: "base_url") == "https://api.openai.com/v1")
        #expect(try settings.resolve("${EMPTY:-fallback}", field: "model") == "fallback")
        #expect(throws: EnvironmentSettingError.unset(field: "model", variable: "UNSET")) { try settings.resolve("$UNSET", field: "model") }
    }

    @Test func secretVariablesAreRefused() {
        #expect(throws: EnvironmentSettingError.namesSecret(field: "model", variable: "MY_API_KEY")) {
            try settings.resolve("${MY_API_KEY}", field: "model")
        }
    }
}
