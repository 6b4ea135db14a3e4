import RemoteTestSupport
import Synchronization
import Testing
import WeftCore
import WeftRemote

@Suite struct ComfyUIImageProviderTests {
    private let key = "weft-token-0123456789"
    private let request = TextToImageRequest(
        prompt: "a lighthouse at dusk", negativePrompt: "blurry", width: 640, height: 448, seed: 18_446_744_073_709_551_615, count: 2,
        model: "sd15.safetensors")
    private let saved = MockComfyServer.SavedImage(
        node: "9", filename: "Weft 00001_.png", subfolder: "night shots/a&b", type: "output", bytes: TestImages.png(9))
    private let preview = MockComfyServer.SavedImage(node: "12", filename: "preview.png", subfolder: "", type: "temp", bytes: TestImages.png(12))
    /// A small custom workflow with placeholders in typed positions, and one string that only contains a placeholder.
    private let template = ComfyWorkflowTemplate([
        "5": ["class_type": "EmptyLatentImage", "inputs": ["width": "{{width}}", "height": "{{height}}", "batch_size": "{{count}}"]],
        "6": ["class_type": "CLIPTextEncode", "inputs": ["text": "{{prompt}}", "note": "not {{prompt}}", "clip": ["4", 1]]],
        "3": ["class_type": "KSampler", "inputs": ["seed": "{{seed}}", "steps": 3, "negative": "{{negative_prompt}}"]],
    ])

    private func provider(
        _ server: MockComfyServer, key: String? = nil, timing: RemoteJobTiming = .brief()
    ) -> ComfyUIImageProvider {
        ComfyUIImageProvider(
            baseURL: server.baseURL, apiKey: key, template: template, transport: AsyncHTTPTransport(timeout: .seconds(5)),
            retryPolicy: SleepRecorder().policy(), timing: timing, socketTimeout: .seconds(2),
            downloader: ImageDownloader(limits: DownloadLimits(timeout: .seconds(5)), retryPolicy: SleepRecorder().policy()))
    }

    private func viewURL(_ server: MockComfyServer) -> String {
        server.baseURL + "/view?filename=Weft%2000001_.png&subfolder=night%20shots%2Fa%26b&type=output"
    }

    @Test func placeholdersBecomeTypedJSON() throws {
        let filled = try template.filled(for: request)
        let expected: JSONValue = [
            "5": ["class_type": "EmptyLatentImage", "inputs": ["width": 640, "height": 448, "batch_size": 2]],
            "6": ["class_type": "CLIPTextEncode", "inputs": ["text": "a lighthouse at dusk", "note": "not {{prompt}}", "clip": ["4", 1]]],
            "3": ["class_type": "KSampler", "inputs": ["seed": .integer(18_446_744_073_709_551_615), "steps": 3, "negative": "blurry"]],
        ]
        #expect(filled == expected)
        let standard = try ComfyWorkflowTemplate.standard.filled(for: request)
        #expect(standard["4"]?["inputs"]?["ckpt_name"] == "sd15.safetensors")
        #expect(standard["3"]?["inputs"]?["seed"] == .integer(18_446_744_073_709_551_615))
        #expect(standard["3"]?["inputs"]?["cfg"] == 7.0)
        #expect(standard["5"]?["inputs"] == ["width": 640, "height": 448, "batch_size": 2])
        #expect(standard["7"]?["inputs"]?["text"] == "blurry")
        #expect(standard["9"]?["class_type"] == "SaveImage")
        #expect(throws: RemoteServiceError.invalidRequest("the workflow is a JSON array, not an API-format object of nodes")) {
            try ComfyWorkflowTemplate(["not", "nodes"]).filled(for: request)
        }
    }

    @Test func aWorkflowRunsWithProgressFromTheWebSocket() async throws {
        try await MockComfyServer.with(MockComfyServer.Options(images: [saved, preview], key: key)) { server in
            let reports = Mutex<[GenerationProgress]>([])
            let images = try await provider(server, key: key).generate(request) { report in reports.withLock { $0.append(report) } }
            #expect(images == [GeneratedImage(bytes: saved.bytes, url: viewURL(server))])
            let posted = try #require(server.log.matching("POST", "/prompt").first?.json)
            #expect(posted["prompt"] == (try template.filled(for: request)))
            let upgrade = try #require(server.log.matching("GET", "/ws").first)
            let clientID = try #require(posted["client_id"]?.stringValue)
            #expect(upgrade.query == "clientId=\(clientID)")
            let view = try #require(server.log.matching("GET", "/view").first)
            #expect(view.query == "filename=Weft%2000001_.png&subfolder=night%20shots%2Fa%26b&type=output")
            #expect(server.log.all.allSatisfy { $0.headers["authorization"] == "Bearer \(key)" })
            #expect(server.log.matching("POST", "/queue").isEmpty && server.log.matching("POST", "/interrupt").isEmpty)
            #expect(
                reports.withLock { $0 } == [
                    GenerationProgress(.submitted), GenerationProgress(.queued), GenerationProgress(.running), GenerationProgress(.running),
                    GenerationProgress(.running, value: 1, total: 3), GenerationProgress(.running, value: 2, total: 3),
                    GenerationProgress(.running, value: 3, total: 3), GenerationProgress(.running), GenerationProgress(.running),
                    GenerationProgress(.downloading, value: 0, total: 1), GenerationProgress(.downloading, value: 1, total: 1),
                ])
        }
    }

    @Test func withoutAWebSocketTheHistoryIsPolled() async throws {
        try await MockComfyServer.with(MockComfyServer.Options(webSocket: false, images: [saved], unfinishedHistoryPolls: 2)) { server in
            let reports = Mutex<[GenerationProgress]>([])
            let images = try await provider(server).generate(request) { report in reports.withLock { $0.append(report) } }
            #expect(images == [GeneratedImage(bytes: saved.bytes, url: viewURL(server))])
            #expect(server.log.matching("GET", "/history/prompt-1").count >= 3)
            #expect(
                reports.withLock { $0 } == [
                    GenerationProgress(.submitted), GenerationProgress(.queued), GenerationProgress(.downloading, value: 0, total: 1),
                    GenerationProgress(.downloading, value: 1, total: 1),
                ])
        }
    }

    @Test func aRefusedWorkflowQuotesTheServer() async throws {
        let rejection: JSONValue = [
            "error": [
                "type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                "details": "Value not in list: ckpt_name: 'sd15.safetensors' not in ['v1-5.safetensors']", "extra_info": [:],
            ],
            "node_errors": [
                "4": [
                    "errors": [
                        [
                            "type": "value_not_in_list", "message": "Value not in list",
                            "details": "ckpt_name: 'sd15.safetensors' not in ['v1-5.safetensors']", "extra_info": [:],
                        ]
                    ],
                    "dependent_outputs": ["9"], "class_type": "CheckpointLoaderSimple",
                ]
            ],
        ]
        try await MockComfyServer.with(MockComfyServer.Options(rejection: rejection)) { server in
            let message =
                "Prompt outputs failed validation: Value not in list: ckpt_name: 'sd15.safetensors' not in ['v1-5.safetensors']; "
                + "node 4 (CheckpointLoaderSimple): Value not in list: ckpt_name: 'sd15.safetensors' not in ['v1-5.safetensors']"
            await #expect(throws: RemoteServiceError.requestRejected(status: 400, message: message)) {
                try await provider(server).generate(request) { _ in }
            }
            #expect(server.log.matching("POST", "/prompt").count == 1)
        }
    }

    @Test func aWorkflowThatRaisesReportsTheException() async throws {
        let failure = RemoteServiceError.taskFailed(
            status: "execution_error", code: "torch.OutOfMemoryError", message: "node 3 (KSampler): Allocation on device")
        for webSocket in [true, false] {
            let options = MockComfyServer.Options(
                webSocket: webSocket,
                run: .raise(node: "3", nodeType: "KSampler", exceptionType: "torch.OutOfMemoryError", message: "Allocation on device"))
            try await MockComfyServer.with(options) { server in
                await #expect(throws: failure) { try await provider(server).generate(request) { _ in } }
                #expect(server.log.matching("POST", "/queue").isEmpty && server.log.matching("POST", "/interrupt").isEmpty)
            }
        }
    }

    @Test func aWrongKeyIsReportedAndTheSocketRefused() async throws {
        try await MockComfyServer.with(MockComfyServer.Options(images: [saved], key: key)) { server in
            await #expect(throws: RemoteServiceError.badKey(status: 401, message: "")) {
                try await provider(server, key: "wrong-token-0123456789").generate(request) { _ in }
            }
            #expect(server.log.matching("GET", "/ws").count == 1)
            #expect(server.log.matching("POST", "/prompt").count == 1)
        }
    }

    @Test func cancellingRemovesAndInterruptsThePrompt() async throws {
        try await MockComfyServer.with(MockComfyServer.Options(run: .hang)) { server in
            let provider = provider(server, timing: .brief(deadline: .seconds(30)))
            let request = request
            let generation = Task { try await provider.generate(request) { _ in } }
            let posted = try await eventually { !server.log.matching("POST", "/prompt").isEmpty }
            #expect(posted)
            try await Task.sleep(for: .milliseconds(50))
            let cancelled = ContinuousClock.now
            generation.cancel()
            let result = await generation.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(ContinuousClock.now - cancelled < .seconds(1))
            #expect(try await eventually { server.log.matching("POST", "/queue").first?.json == ["delete": ["prompt-1"]] })
            #expect(try await eventually { server.log.matching("POST", "/interrupt").first?.json == ["prompt_id": "prompt-1"] })
        }
    }

    @Test func passingTheDeadlineGivesThePromptUp() async throws {
        try await MockComfyServer.with(MockComfyServer.Options(webSocket: false, run: .hang)) { server in
            await #expect(throws: RemoteServiceError.timedOut(seconds: 1)) {
                try await provider(server, timing: .brief(deadline: .seconds(1))).generate(request) { _ in }
            }
            #expect(await (try? eventually { server.log.matching("POST", "/interrupt").first?.json == ["prompt_id": "prompt-1"] }) == true)
        }
    }
}
