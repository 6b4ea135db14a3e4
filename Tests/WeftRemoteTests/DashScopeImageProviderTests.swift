import RemoteTestSupport
import Synchronization
import Testing
import WeftCore
import WeftRemote

@Suite struct DashScopeImageProviderTests {
    private let request = TextToImageRequest(
        prompt: "a lighthouse at dusk", negativePrompt: "blurry", width: 1024, height: 768, seed: 4_294_967_301, count: 2,
        model: "wan2.2-t2i-flash")
    private let first = TestImages.png(1)
    private let second = TestImages.png(2)

    private func provider(
        _ server: MockDashScopeServer, retries: SleepRecorder = SleepRecorder(), timing: RemoteJobTiming = SleepRecorder().timing(),
        key: String = MockDashScopeServer.key
    ) -> DashScopeImageProvider {
        DashScopeImageProvider(
            baseURL: server.baseURL, apiKey: key, transport: AsyncHTTPTransport(timeout: .seconds(5)), retryPolicy: retries.policy(),
            timing: timing, downloader: ImageDownloader(limits: DownloadLimits(timeout: .seconds(5)), retryPolicy: retries.policy()))
    }

    /// Runs the request against a DashScope mock with `polls` whose results live on a file server holding `one.png`.
    private func outcome(
        creations: [MockDashScopeServer.Creation] = [.task], polls: (MockFileServer) -> [MockDashScopeServer.Poll],
        timing: RemoteJobTiming = SleepRecorder().timing(), key: String = MockDashScopeServer.key
    ) async throws -> (Result<[GeneratedImage], any Error>, log: RequestLog) {
        try await MockFileServer.with(["one.png": [.file(first, contentType: "image/png")]]) { files in
            try await MockDashScopeServer.with(creations: creations, polls: polls(files)) { server in
                do {
                    return (.success(try await provider(server, timing: timing, key: key).generate(request) { _ in }), server.log)
                } catch {
                    return (.failure(error), server.log)
                }
            }
        }
    }

    @Test func aTaskIsPolledThroughPendingAndRunningAndItsImagesDownloaded() async throws {
        let files = ["one.png": [FileReply.file(first, contentType: "image/png")], "two.png": [.file(second, contentType: "image/png")]]
        try await MockFileServer.with(files) { files in
            let polls: [MockDashScopeServer.Poll] = [
                .pending, .running(finished: 1, total: 2), .succeeded([.url(files.url("one.png")), .url(files.url("two.png"))]),
            ]
            try await MockDashScopeServer.with(polls: polls) { server in
                let reports = Mutex<[GenerationProgress]>([])
                let pollWaits = SleepRecorder()
                let images = try await provider(server, timing: pollWaits.timing()).generate(request) { report in
                    reports.withLock { $0.append(report) }
                }
                #expect(
                    images == [GeneratedImage(bytes: first, url: files.url("one.png")), GeneratedImage(bytes: second, url: files.url("two.png"))])
                let creation = try #require(server.log.matching("POST", "/api/v1/services/aigc/text2image/image-synthesis").first)
                #expect(creation.headers["authorization"] == "Bearer \(MockDashScopeServer.key)")
                #expect(creation.headers["x-dashscope-async"] == "enable")
                #expect(creation.headers["content-type"] == "application/json")
                let expected: JSONValue = [
                    "model": "wan2.2-t2i-flash", "input": ["prompt": "a lighthouse at dusk", "negative_prompt": "blurry"],
                    "parameters": ["size": "1024*768", "n": 2, "seed": 5],
                ]
                #expect(creation.json == expected)
                let polled = server.log.matching("GET", "/api/v1/tasks/")
                #expect(polled.map(\.path) == Array(repeating: "/api/v1/tasks/task-1", count: 3))
                #expect(polled.allSatisfy { $0.headers["authorization"] == "Bearer \(MockDashScopeServer.key)" })
                #expect(pollWaits.recorded == [.milliseconds(10), .milliseconds(20), .milliseconds(40)])
                #expect(
                    reports.withLock { $0 } == [
                        GenerationProgress(.submitted), GenerationProgress(.queued), GenerationProgress(.queued),
                        GenerationProgress(.running, value: 1, total: 2), GenerationProgress(.downloading, value: 0, total: 2),
                        GenerationProgress(.downloading, value: 1, total: 2), GenerationProgress(.downloading, value: 2, total: 2),
                    ])
                #expect(server.log.matching("POST", "/api/v1/tasks/").isEmpty)
            }
        }
    }

    @Test func aFailedTaskReportsTheServicesCodeAndMessage() async throws {
        let (failed, log) = try await outcome(polls: { _ in
            [.running(finished: 0, total: 2), .failed(code: "InvalidParameter", message: "size 1024*768 is not supported")]
        })
        #expect(throws: RemoteServiceError.taskFailed(status: "FAILED", code: "InvalidParameter", message: "size 1024*768 is not supported")) {
            try failed.get()
        }
        #expect(log.matching("POST", "/api/v1/tasks/").isEmpty)
        let (canceled, _) = try await outcome(polls: { _ in [.canceled] })
        #expect(throws: RemoteServiceError.taskFailed(status: "CANCELED", code: "", message: "")) { try canceled.get() }
    }

    @Test func imagesThatFailedAreLeftOutUnlessAllDid() async throws {
        let filtered = MockDashScopeServer.Result.failure(code: "DataInspectionFailed", message: "output image may contain sensitive content")
        let (partial, _) = try await outcome(polls: { files in [.succeeded([filtered, .url(files.url("one.png"))])] })
        #expect(try partial.get().map(\.bytes) == [first])
        let (none, _) = try await outcome(polls: { _ in [.succeeded([filtered, filtered])] })
        #expect(
            throws: RemoteServiceError.taskFailed(
                status: "SUCCEEDED", code: "DataInspectionFailed", message: "output image may contain sensitive content")
        ) {
            try none.get()
        }
    }

    @Test func rateLimitedCreationAndFailingPollsAreRetried() async throws {
        let retries = SleepRecorder()
        try await MockFileServer.with(["one.png": [.file(first, contentType: "image/png")]]) { files in
            let creations: [MockDashScopeServer.Creation] = [
                .error(status: 429, code: "Throttling.RateQuota", message: "Requests rate limit exceeded", retryAfter: "1"), .task,
            ]
            try await MockDashScopeServer.with(creations: creations, polls: [.httpError(500), .succeeded([.url(files.url("one.png"))])]) { server in
                let images = try await provider(server, retries: retries).generate(request) { _ in }
                #expect(images.map(\.bytes) == [first])
                #expect(server.log.matching("POST", "/api/v1/services/").count == 2)
                #expect(server.log.matching("GET", "/api/v1/tasks/").count == 2)
            }
        }
        #expect(retries.recorded == [.seconds(1), .milliseconds(10)])
    }

    @Test func aWrongKeyIsReportedWithoutTheKey() async throws {
        let (result, log) = try await outcome(polls: { _ in [.pending] }, key: "sk-wrong-key-0123456789")
        #expect(throws: RemoteServiceError.badKey(status: 401, message: "Invalid API-key provided.")) { try result.get() }
        #expect(log.matching("GET", "/api/v1/tasks/").isEmpty)
    }

    @Test func malformedTaskAnswersAreReportedAndTheTaskGivenUp() async throws {
        let (missing, _) = try await outcome(polls: { _ in [.raw(["output": ["task_id": "task-1"]])] })
        #expect(throws: RemoteServiceError.malformedResponse("output.task_status is missing")) { try missing.get() }
        let (unknown, log) = try await outcome(polls: { _ in [.raw(["output": ["task_id": "task-1", "task_status": "EXPLODED"]])] })
        #expect(throws: RemoteServiceError.malformedResponse("output.task_status \"EXPLODED\" is not a known status")) { try unknown.get() }
        #expect(log.matching("POST", "/api/v1/tasks/task-1/cancel").count == 1)
    }

    @Test func passingTheDeadlineCancelsTheTask() async throws {
        let start = ContinuousClock.now
        let (result, log) = try await outcome(polls: { _ in [.running(finished: 0, total: 2)] }, timing: .brief(deadline: .milliseconds(300)))
        #expect(throws: RemoteServiceError.timedOut(seconds: 0.3)) { try result.get() }
        #expect(ContinuousClock.now - start < .seconds(2))
        let cancel = try #require(log.matching("POST", "/api/v1/tasks/task-1/cancel").first)
        #expect(cancel.headers["authorization"] == "Bearer \(MockDashScopeServer.key)")
    }

    @Test func cancellingTheGenerationCancelsTheTask() async throws {
        try await MockDashScopeServer.with(polls: [.running(finished: 0, total: 2)]) { server in
            let provider = provider(server, timing: .brief(deadline: .seconds(30)))
            let request = request
            let generation = Task { try await provider.generate(request) { _ in } }
            let polled = try await eventually { server.log.matching("GET", "/api/v1/tasks/").count >= 2 }
            #expect(polled)
            let cancelled = ContinuousClock.now
            generation.cancel()
            let result = await generation.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(ContinuousClock.now - cancelled < .seconds(1))
            #expect(try await eventually { server.log.matching("POST", "/api/v1/tasks/task-1/cancel").count == 1 })
        }
    }
}
