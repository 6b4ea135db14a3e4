import Foundation
import RemoteTestSupport
import Testing
import WeftCore

/// API keys through `weft serve` and `weft run` as real processes: a key named by the environment and a key pasted
/// into the workflow both reach the provider, and neither reaches history, the database, output files or logs.
@Suite struct SecretsEndToEndTests {
    private let known = "sk-known-env-0123456789abcdefXYZ"
    private let pasted = "sk-pasted-literal-9876543210abcdefQ"

    private func chat(_ baseURL: String, keyName: String, prompt: String) -> JSONValue {
        [
            "class_type": "LLMChat",
            "inputs": [
                "system_prompt": "", "user_prompt": .string(prompt), "model": "qwen-plus", "base_url": .string(baseURL),
                "api_key_name": .string(keyName), "temperature": 0.5, "max_tokens": 32, "seed": 3, "timeout_seconds": 10,
                "non_deterministic": false, "json_mode": false,
            ],
        ]
    }

    /// Two chats (one key pasted, one named), their answers saved as text, and an image whose metadata holds the prompt.
    private func workflow(_ baseURL: String) -> JSONValue {
        [
            "1": chat(baseURL, keyName: pasted, prompt: "Describe a lighthouse"),
            "2": chat(baseURL, keyName: "TEST_LLM_KEY", prompt: "Describe a harbour"),
            "3": ["class_type": "SaveText", "inputs": ["text": ["1", 0], "filename_prefix": "pasted"]],
            "4": ["class_type": "SaveText", "inputs": ["text": ["2", 0], "filename_prefix": "named"]],
            "5": ["class_type": "EmptyImage", "inputs": ["width": 8, "height": 8, "batch_size": 1, "color": 0]],
            "6": ["class_type": "SaveImage", "inputs": ["images": ["5", 0], "filename_prefix": "poster"]],
        ]
    }

    /// Every file under `folder` whose bytes contain one of `secrets`, by path.
    private func filesHolding(_ secrets: [String], under folder: URL) -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { file in
            guard let data = try? Data(contentsOf: file) else { return false }
            return secrets.contains { data.range(of: Data($0.utf8)) != nil }
        }.map(\.lastPathComponent)
    }

    @Test func keysReachTheProviderButNeverHistoryFilesOrLogs() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await MockOpenAIServer.with([.stream(["A lighthouse", " at dusk"])]) { llm in
            let server = try await ServeProcess.start(
                data: folder, arguments: ["--log-level", "trace"], environment: ["TEST_LLM_KEY": known])
            defer { server.kill() }
            let uiWorkflow: JSONValue = ["nodes": [["id": 1, "type": "LLMChat", "widgets_values": ["", "Describe a lighthouse", .string(pasted)]]]]
            let reply = try await server.post(
                "/prompt", ["prompt": workflow(llm.baseURL), "client_id": "c1", "extra_data": ["extra_pnginfo": ["workflow": uiWorkflow]]])
            #expect(reply.status == 200, "\(reply.json)")
            let id = try #require(reply.json["prompt_id"]?.stringValue)
            let entry = try await ServeProcessTests.finishedEntry(server, id)
            #expect(entry["status"]?["status_str"] == "success", "\(entry["status"] ?? .null)")

            #expect(Set(llm.received.compactMap(\.authorization)) == ["Bearer \(pasted)", "Bearer \(known)"], "both keys reached the provider")
            let history = entry.serialized()
            #expect(history.contains("WEFT_INLINE_KEY_"), "the pasted key is stored as a name")
            #expect(!history.contains(pasted) && !history.contains(known))
            let queue = try await server.get("/queue")
            #expect(!queue.json.serialized().contains(pasted))

            // An error that echoes the key: the message is kept, the key is not.
            try await MockOpenAIServer.with([.error(status: 401, code: "invalid_api_key", message: "Incorrect API key provided: \(known)")]) { bad in
                let failing = try await server.post(
                    "/prompt",
                    [
                        "prompt": [
                            "1": chat(bad.baseURL, keyName: "TEST_LLM_KEY", prompt: "x"),
                            "2": ["class_type": "PreviewAny", "inputs": ["source": ["1", 0]]],
                        ]
                    ])
                let failedID = try #require(failing.json["prompt_id"]?.stringValue)
                let failed = try await ServeProcessTests.finishedEntry(server, failedID)
                let message = ServeProcessTests.message("execution_error", in: failed)?["exception_message"]?.stringValue ?? ""
                #expect(message.contains("rejected the API key (HTTP 401)"))
                #expect(!failed.serialized().contains(known))
            }
            #expect(filesHolding([pasted, known], under: folder.url).isEmpty, "no stored or written file holds a key")
            #expect(!server.standardError.contains(pasted) && !server.standardError.contains(known))
            #expect(!server.standardError.isEmpty, "the trace log was written")
        }
    }

    @Test func weftRunKeepsAPastedKeyOutOfImageMetadata() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await MockOpenAIServer.with([.completion("A harbour at dawn")]) { llm in
            let file = try folder.write("chat.json", workflow(llm.baseURL).serialized())
            var process = WeftProcess(arguments: ["run", file, "--set", "2.api_key_name=\(pasted)"], directory: folder.url)
            process.environment = ["TEST_LLM_KEY": known]
            let result = try await process.run()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Set(llm.received.compactMap(\.authorization)) == ["Bearer \(pasted)"])
            #expect(filesHolding([pasted, known], under: folder.url).filter { $0 != "chat.json" }.isEmpty)
            #expect(!result.stdout.contains(pasted) && !result.stderr.contains(pasted))
            let output = try FileManager.default.contentsOfDirectory(atPath: folder.path("output"))
            #expect(output.contains("poster_00001_.png") && output.contains("pasted_00001_.txt"))
        }
    }
}
