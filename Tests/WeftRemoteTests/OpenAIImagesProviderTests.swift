import RemoteTestSupport
import Synchronization
import Testing
import WeftCore
import WeftRemote

@Suite struct OpenAIImagesProviderTests {
    private let key = "sk-images-0123456789abcdef"
    private let request = TextToImageRequest(
        prompt: "a lighthouse at dusk", negativePrompt: "blurry", width: 1024, height: 768, seed: 9, count: 2, model: "gpt-image-1")
    private let inline = TestImages.png(4)
    private let linked = TestImages.jpeg(5)

    private func provider(_ server: MockOpenAIServer, recorder: SleepRecorder = SleepRecorder(), responseFormat: String? = "b64_json")
        -> OpenAIImagesProvider
    {
        OpenAIImagesProvider(
            baseURL: server.baseURL, apiKey: key, responseFormat: responseFormat, transport: AsyncHTTPTransport(timeout: .seconds(5)),
            retryPolicy: recorder.policy(), downloader: ImageDownloader(limits: DownloadLimits(timeout: .seconds(5)), retryPolicy: recorder.policy()))
    }

    /// Runs the request against a server with `script` and returns the error it fails with.
    private func failure(_ script: [MockReply]) async throws -> RemoteServiceError? {
        try await MockOpenAIServer.with(script) { server in
            do {
                _ = try await provider(server).generate(request) { _ in }
                return nil
            } catch let error as RemoteServiceError {
                #expect(!error.description.contains(key))
                return error
            }
        }
    }

    @Test func inlineAndLinkedImagesComeBackInOrder() async throws {
        try await MockFileServer.with(["linked.jpg": [.file(linked, contentType: "image/jpeg")]]) { files in
            try await MockOpenAIServer.with([.images([.inline(inline), .link(files.url("linked.jpg"))])]) { server in
                let reports = Mutex<[GenerationProgress]>([])
                let images = try await provider(server).generate(request) { report in reports.withLock { $0.append(report) } }
                #expect(images == [GeneratedImage(bytes: inline), GeneratedImage(bytes: linked, url: files.url("linked.jpg"))])
                let received = try #require(server.received.first)
                #expect(received.authorization == "Bearer \(key)")
                let expected: JSONValue = [
                    "model": "gpt-image-1", "prompt": "a lighthouse at dusk", "n": 2, "size": "1024x768", "response_format": "b64_json",
                ]
                #expect(received.body == expected)
                #expect(
                    reports.withLock { $0 } == [
                        GenerationProgress(.submitted), GenerationProgress(.downloading, value: 0, total: 1),
                        GenerationProgress(.downloading, value: 1, total: 1),
                    ])
            }
        }
    }

    @Test func responseFormatCanBeLeftOut() async throws {
        try await MockOpenAIServer.with([.images([.inline(inline)])]) { server in
            let images = try await provider(server, responseFormat: nil).generate(request) { _ in }
            #expect(images == [GeneratedImage(bytes: inline)])
            #expect(server.received.first?.body["response_format"] == nil)
        }
    }

    @Test func errorsAreReportedLikeTheChatClients() async throws {
        let echo = "Incorrect API key provided: \(key)"
        #expect(
            try await failure([.error(status: 401, code: "invalid_api_key", message: echo)])
                == .badKey(status: 401, message: "Incorrect API key provided: [redacted]"))
        #expect(
            try await failure([.error(status: 400, code: "content_policy_violation", message: "rejected by the safety system")])
                == .contentFiltered(message: "rejected by the safety system"))
        #expect(try await failure([.error(status: 503, code: nil, message: "overloaded")]) == .serverError(status: 503, message: "overloaded"))
    }

    @Test func rateLimitIsRetried() async throws {
        let recorder = SleepRecorder()
        try await MockOpenAIServer.with([
            .error(status: 429, code: "rate_limit_exceeded", message: "slow down", retryAfter: "1"), .images([.inline(inline)]),
        ]) {
            server in
            let images = try await provider(server, recorder: recorder).generate(request) { _ in }
            #expect(images.map(\.bytes) == [inline])
            #expect(server.received.count == 2)
        }
        #expect(recorder.recorded == [.seconds(1)])
    }

    @Test func malformedAnswersSayWhatIsWrong() async throws {
        let cases: [(String, RemoteServiceError)] = [
            (#"{"data": []}"#, .malformedResponse("the body has no data[0]")),
            (#"{"data": [{}]}"#, .malformedResponse("data[0] has neither b64_json nor url")),
            (#"{"data": [{"b64_json": "abcde"}]}"#, .malformedResponse("data[0].b64_json is not base64")),
            (#"{"data": [{"b64_json": "aGVsbG8="}]}"#, .malformedResponse("data[0].b64_json is not a PNG, JPEG, WebP or GIF image")),
            (#"{"created": 1"#, .malformedResponse("the body is not JSON (invalid JSON at line 1, column 14: expected ',' or '}' in an object)")),
        ]
        for (body, expected) in cases {
            let error = try await failure([.raw(status: 200, contentType: "application/json", body: body)])
            #expect(error == expected, "\(body)")
        }
        #expect(
            try await failure([.raw(status: 200, contentType: "text/html", body: "<html>")])
                == .malformedResponse("expected a JSON body but the content type is \"text/html\""))
    }
}
