import RemoteTestSupport
import Testing
import WeftCore
import WeftServer

/// Several workers run remote-only prompts at the same time, against a real local chat service.
@Suite struct RemoteWorkerTests {
    /// An LLMChat (no key) asking `question`, shown by a PreviewAny.
    private func chatPrompt(_ baseURL: String, question: String) -> JSONValue {
        [
            "1": [
                "class_type": "LLMChat",
                "inputs": [
                    "system_prompt": "", "user_prompt": .string(question), "model": "llama3.2", "base_url": .string(baseURL),
                    "api_key_name": "", "temperature": 0.2, "max_tokens": 8, "seed": 0, "timeout_seconds": 10,
                    "non_deterministic": false, "json_mode": false,
                ],
            ],
            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
        ]
    }

    /// Submits three prompts to a server with `workers` workers, waits for all, and returns the most requests the
    /// service was answering at once.
    private func mostConcurrentCalls(workers: Int) async throws -> Int {
        var most = 0
        try await MockOpenAIServer.with([.delayed(.milliseconds(400), .completion("done"))]) { service in
            let server = try await TestServer.start { $0.workers = workers }
            do {
                var ids: [String] = []
                for question in ["one", "two", "three"] { ids.append(try await server.submit(chatPrompt(service.baseURL, question: question))) }
                for id in ids {
                    let entry = try await server.waitForHistory(id)
                    #expect(entry["status"]?["status_str"] == "success")
                    #expect(entry["outputs"]?["2"]?["text"] == ["done"])
                }
                most = service.mostConcurrentRequests
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
        return most
    }

    @Test func threeWorkersCallTheServiceThreeAtATime() async throws {
        #expect(try await mostConcurrentCalls(workers: 3) == 3)
    }

    @Test func oneWorkerCallsItOneAtATime() async throws {
        #expect(try await mostConcurrentCalls(workers: 1) == 1)
    }
}
