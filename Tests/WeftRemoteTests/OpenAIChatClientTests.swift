import RemoteTestSupport
import Synchronization
import Testing
import WeftCore
import WeftRemote

@Suite struct OpenAIChatClientTests {
    private let key = "sk-test-0123456789abcdef"
    private let request = ChatRequest(
        model: "qwen-plus", systemPrompt: "You write painting prompts.", userPrompt: "Lisbon, rain, dusk", temperature: 0.5,
        maxTokens: 64, seed: 42)

    private func client(
        _ server: MockOpenAIServer, recorder: SleepRecorder = SleepRecorder(), timeout: Duration = .seconds(10), maxBytes: Int = 1 << 20
    ) -> OpenAIChatClient {
        OpenAIChatClient(
            baseURL: server.baseURL, apiKey: key, transport: AsyncHTTPTransport(timeout: timeout, maxResponseBytes: maxBytes),
            retryPolicy: recorder.policy())
    }

    /// Runs the request against a server with `script` and returns the error it fails with.
    private func failure(_ script: [MockReply], stream: Bool = false) async throws -> (RemoteServiceError?, requests: Int) {
        var failure: RemoteServiceError?
        var requests = 0
        try await MockOpenAIServer.with(script) { server in
            let client = client(server)
            do {
                if stream {
                    _ = try await client.stream(request) { _ in }
                } else {
                    _ = try await client.complete(request)
                }
            } catch let error as RemoteServiceError {
                #expect(!error.description.contains(key))
                failure = error
            }
            requests = server.received.count
        }
        return (failure, requests)
    }

    @Test func completionSendsTheOpenAIRequestAndReturnsTheText() async throws {
        try await MockOpenAIServer.with([.completion("A rainy Lisbon dusk, oil on canvas")]) { server in
            var jsonRequest = request
            jsonRequest.jsonMode = true
            #expect(try await client(server).complete(jsonRequest) == "A rainy Lisbon dusk, oil on canvas")
            let received = try #require(server.received.first)
            #expect(received.authorization == "Bearer \(key)")
            let expected: JSONValue = [
                "model": "qwen-plus",
                "messages": [["role": "system", "content": "You write painting prompts."], ["role": "user", "content": "Lisbon, rain, dusk"]],
                "temperature": 0.5, "max_tokens": 64, "seed": 42, "response_format": ["type": "json_object"],
            ]
            #expect(received.body == expected)
        }
    }

    @Test func noKeyMeansNoAuthorizationHeader() async throws {
        try await MockOpenAIServer.with([.completion("ok")]) { server in
            let client = OpenAIChatClient(baseURL: server.baseURL + "/", retryPolicy: SleepRecorder().policy())
            #expect(try await client.complete(ChatRequest(model: "llama3.2", userPrompt: "hi")) == "ok")
            let received = try #require(server.received.first)
            #expect(received.authorization == nil)
            #expect(received.body["messages"]?.arrayValue?.count == 1)
        }
    }

    @Test func streamingReportsEachPieceInOrder() async throws {
        try await MockOpenAIServer.with([.stream(["A rainy", " Lisbon", " dusk"])]) { server in
            let reports = Mutex<[ChatProgress]>([])
            let text = try await client(server).stream(request) { progress in reports.withLock { $0.append(progress) } }
            #expect(text == "A rainy Lisbon dusk")
            #expect(
                reports.withLock { $0 } == [
                    ChatProgress(text: "A rainy", chunks: 1), ChatProgress(text: "A rainy Lisbon", chunks: 2),
                    ChatProgress(text: "A rainy Lisbon dusk", chunks: 3),
                ])
            #expect(server.received.first?.body["stream"] == true)
        }
    }

    @Test func rateLimitWithRetryAfterIsRetried() async throws {
        let recorder = SleepRecorder()
        try await MockOpenAIServer.with([
            .error(status: 429, code: "rate_limit_exceeded", message: "slow down", retryAfter: "1"), .completion("done"),
        ]) { server in
            let text = try await client(server, recorder: recorder).complete(request)
            #expect(text == "done")
            #expect(server.received.count == 2)
        }
        #expect(recorder.recorded == [.seconds(1)])
    }

    @Test func serverErrorThenSuccessIsRetried() async throws {
        let recorder = SleepRecorder()
        try await MockOpenAIServer.with([.error(status: 500, code: nil, message: "boom"), .stream(["fine"])]) { server in
            let text = try await client(server, recorder: recorder).stream(request) { _ in }
            #expect(text == "fine")
            #expect(server.received.count == 2)
        }
        #expect(recorder.recorded == [.milliseconds(10)])
    }

    @Test func persistentRateLimitIsReportedAfterEveryAttempt() async throws {
        let (error, requests) = try await failure([.error(status: 429, code: nil, message: "slow down", retryAfter: "0")])
        #expect(error == .rateLimited(attempts: 3, message: "slow down"))
        #expect(requests == 3)
    }

    @Test func persistentServerErrorNamesTheStatus() async throws {
        let (error, _) = try await failure([.error(status: 503, code: nil, message: "overloaded")], stream: true)
        #expect(error == .serverError(status: 503, message: "overloaded"))
    }

    @Test func badKeyIsNotRetriedAndNeverShowsTheKey() async throws {
        let echo = "Incorrect API key provided: \(key)"
        for stream in [false, true] {
            let (error, requests) = try await failure([.error(status: 401, code: "invalid_api_key", message: echo)], stream: stream)
            #expect(error == .badKey(status: 401, message: "Incorrect API key provided: [redacted]"))
            #expect(requests == 1)
        }
    }

    @Test func unknownModelIsReported() async throws {
        let (byStatus, _) = try await failure([.error(status: 404, code: nil, message: "no such model")])
        #expect(byStatus == .modelNotFound(model: "qwen-plus", message: "no such model"))
        let (byCode, _) = try await failure([.error(status: 400, code: "model_not_found", message: "gone")])
        #expect(byCode == .modelNotFound(model: "qwen-plus", message: "gone"))
    }

    @Test func quotaAndOtherRefusalsAreReported() async throws {
        let (quota, quotaRequests) = try await failure([.error(status: 429, code: "insufficient_quota", message: "no credit")])
        #expect(quota == .quotaExceeded(message: "no credit"))
        #expect(quotaRequests == 1, "an exhausted quota is reported at once, not retried")
        let (invalid, requests) = try await failure([.error(status: 400, code: nil, message: "bad temperature")])
        #expect(invalid == .requestRejected(status: 400, message: "bad temperature"))
        #expect(requests == 1)
    }

    @Test func contentFilterIsReported() async throws {
        let (finished, _) = try await failure([.completion("", finishReason: "content_filter")])
        #expect(finished == .contentFiltered(message: "finish_reason is content_filter"))
        let (streamed, _) = try await failure([.stream(["partial"], finishReason: "content_filter")], stream: true)
        #expect(streamed == .contentFiltered(message: "finish_reason is content_filter"))
        let (coded, _) = try await failure([.error(status: 400, code: "content_filter", message: "flagged")])
        #expect(coded == .contentFiltered(message: "flagged"))
    }

    @Test func malformedBodiesSayWhatIsWrong() async throws {
        let (notJSON, _) = try await failure([.raw(status: 200, contentType: "application/json", body: "{\"choices\": [")])
        #expect(notJSON?.description.contains("the body is not JSON") == true)
        let (noChoices, _) = try await failure([.raw(status: 200, contentType: "application/json", body: "{\"choices\": []}")])
        #expect(noChoices == .malformedResponse("the body has no choices[0]"))
        let (noContent, _) = try await failure([.raw(status: 200, contentType: "application/json", body: "{\"choices\": [{\"message\": {}}]}")])
        #expect(noContent == .malformedResponse("choices[0].message.content is missing or not a string"))
        let (badEvent, _) = try await failure([.raw(status: 200, contentType: "text/event-stream", body: "data: {oops\n\n")], stream: true)
        #expect(badEvent?.description.contains("a stream event is not JSON") == true)
        let (unfinished, _) = try await failure(
            [.raw(status: 200, contentType: "text/event-stream", body: "data: {\"choices\": []}\n\n")], stream: true)
        #expect(unfinished == .streamInterrupted("the stream ended without data: [DONE]"))
    }

    @Test func wrongContentTypeIsRefused() async throws {
        let (error, _) = try await failure([.raw(status: 200, contentType: "text/html; charset=utf-8", body: "<html>login</html>")])
        #expect(error == .malformedResponse("expected a JSON body but the content type is \"text/html\""))
    }

    @Test func hugeResponsesAreRefused() async throws {
        try await MockOpenAIServer.with([.huge(bytes: 50_000)]) { server in
            await #expect(throws: RemoteServiceError.responseTooLarge(limit: 10_000)) {
                try await client(server, maxBytes: 10_000).complete(request)
            }
        }
    }

    @Test func slowServersTimeOut() async throws {
        try await MockOpenAIServer.with([.delayed(.seconds(3), .completion("late"))]) { server in
            let client = OpenAIChatClient(
                baseURL: server.baseURL, apiKey: key, transport: AsyncHTTPTransport(timeout: .milliseconds(200)),
                retryPolicy: SleepRecorder().policy(maxAttempts: 2))
            let start = ContinuousClock.now
            await #expect(throws: RemoteServiceError.timedOut(seconds: 0.2)) { try await client.complete(request) }
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(server.received.count == 2)
        }
    }

    @Test func aStreamFallingSilentTimesOutWithoutRepeatingProgress() async throws {
        try await MockOpenAIServer.with([.stalledStream(["A rainy"], stall: .seconds(3))]) { server in
            let reports = Mutex<[String]>([])
            let client = OpenAIChatClient(
                baseURL: server.baseURL, apiKey: key, transport: AsyncHTTPTransport(timeout: .milliseconds(300)),
                retryPolicy: SleepRecorder().policy(maxAttempts: 3))
            let timedOut = RemoteServiceError.timedOut(seconds: 0.3).description
            await #expect(throws: RemoteServiceError.streamInterrupted(timedOut)) {
                try await client.stream(request) { progress in reports.withLock { $0.append(progress.text) } }
            }
            #expect(reports.withLock { $0 } == ["A rainy"])
            #expect(server.received.count == 1)
        }
    }
}
