import RemoteTestSupport
import Testing
import WeftCore
import WeftRemote

@Suite struct LLMNodeTests {
    private let key = "sk-node-test-0123456789abcdef"

    /// An LLMChat node (id 1) feeding a PreviewAny (id 2).
    private func chatWorkflow(
        baseURL: String, seed: Int = 7, nonDeterministic: Bool = false, keyName: String = "TEST_LLM_KEY", model: String = "qwen-plus"
    ) -> String {
        """
        {"1": {"class_type": "LLMChat", "inputs": {"system_prompt": "You are terse.", "user_prompt": "Name a colour.",
          "model": "\(model)", "base_url": "\(baseURL)", "api_key_name": "\(keyName)", "temperature": 0.3, "max_tokens": 16,
          "seed": \(seed), "timeout_seconds": 10, "non_deterministic": \(nonDeterministic), "json_mode": false}},
         "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}}}
        """
    }

    @Test func chatStreamsTheAnswerWithProgressAndSendsTheSettings() async throws {
        try await MockOpenAIServer.with([.stream(["Ult", "ramar", "ine"])]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_LLM_KEY": key])
            let outcome = try await runner.run(chatWorkflow(baseURL: server.baseURL))
            #expect(outcome.status == .success)
            #expect(outcome.previewText("2") == "Ultramarine")
            #expect(runner.progress(of: "1") == [[0, 16], [1, 16], [2, 16], [3, 16], [16, 16]])
            let received = try #require(server.received.first)
            #expect(received.authorization == "Bearer \(key)")
            #expect(received.body["model"] == "qwen-plus")
            #expect(received.body["seed"] == 7)
            #expect(received.body["max_tokens"] == 16)
            #expect(received.body["stream"] == true)
            #expect(received.body["messages"]?.arrayValue?.first?["content"] == "You are terse.")
        }
    }

    @Test func sameInputsAndSeedAreAnsweredFromTheCacheUnlessNonDeterministic() async throws {
        try await MockOpenAIServer.with([.completion("Teal")]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_LLM_KEY": key])
            _ = try await runner.run(chatWorkflow(baseURL: server.baseURL))
            let again = try await runner.run(chatWorkflow(baseURL: server.baseURL))
            #expect(again.previewText("2") == "Teal")
            #expect(server.received.count == 1, "same inputs and seed: no second call")
            _ = try await runner.run(chatWorkflow(baseURL: server.baseURL, seed: 8))
            #expect(server.received.count == 2, "a new seed asks again")
            _ = try await runner.run(chatWorkflow(baseURL: server.baseURL, nonDeterministic: true))
            _ = try await runner.run(chatWorkflow(baseURL: server.baseURL, nonDeterministic: true))
            #expect(server.received.count == 4, "a non-deterministic node asks on every run")
        }
    }

    @Test func settingsMayNameEnvironmentVariables() async throws {
        try await MockOpenAIServer.with([.completion("Ochre")]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_LLM_KEY": key, "TEST_BASE": server.baseURL])
            let outcome = try await runner.run(chatWorkflow(baseURL: "${TEST_BASE}", model: "${TEST_MODEL:-llama3.2}"))
            #expect(outcome.previewText("2") == "Ochre")
            #expect(server.received.first?.body["model"] == "llama3.2")
            let secret = try await runner.run(chatWorkflow(baseURL: server.baseURL, model: "$TEST_LLM_KEY"))
            #expect(secret.failure?.exceptionMessage.contains("holds a secret") == true)
            #expect(server.received.count == 1)
        }
    }

    @Test func failuresNameWhatHappenedAndNeverTheKey() async throws {
        try await MockOpenAIServer.with([.error(status: 401, code: "invalid_api_key", message: "Incorrect API key provided: \(key)")]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_LLM_KEY": key])
            let outcome = try await runner.run(chatWorkflow(baseURL: server.baseURL))
            let failure = try #require(outcome.failure)
            #expect(failure.nodeID == "1")
            #expect(failure.nodeType == "LLMChat")
            #expect(failure.exceptionMessage.contains("rejected the API key (HTTP 401)"))
            #expect(!failure.exceptionMessage.contains(key))
        }
        try await MockOpenAIServer.with([.completion("unused")]) { server in
            let runner = try RemoteGraphRunner(environment: [:])
            let outcome = try await runner.run(chatWorkflow(baseURL: server.baseURL, keyName: "MISSING_KEY"))
            #expect(outcome.failure?.exceptionMessage.contains("the secret \"MISSING_KEY\" is not set") == true)
            #expect(server.received.isEmpty)
        }
    }

    @Test func promptEnhancerUsesItsInstructionsAndCleansTheAnswer() async throws {
        try await MockOpenAIServer.with([.completion("Prompt: \"A coastal road at dusk, watercolour\"")]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_LLM_KEY": key])
            let outcome = try await runner.run(
                """
                {"1": {"class_type": "LLMPromptEnhancer", "inputs": {"description": "Lisbon to Porto\\nrain\\n312 km",
                  "style": "travel poster", "model": "qwen-plus", "base_url": "\(server.baseURL)", "api_key_name": "TEST_LLM_KEY",
                  "temperature": 0.7, "max_tokens": 200, "seed": 1, "timeout_seconds": 10, "non_deterministic": false}},
                 "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}}}
                """)
            #expect(outcome.previewText("2") == "A coastal road at dusk, watercolour")
            let messages = try #require(server.received.first?.body["messages"]?.arrayValue)
            #expect(messages.first?["content"]?.stringValue == PaintingPromptWriter.instructions)
            #expect(messages.last?["content"] == "Lisbon to Porto\nrain\n312 km\n\nStyle: travel poster")
        }
    }
}
