import Foundation
import RemoteTestSupport
import Testing
import WeftCore
import WeftNodes
import WeftTensor

@Suite struct RemoteImageNodeTests {
    private let key = "sk-image-test-0123456789abcdef"

    /// A RemoteTextToImage node with id `id` and the given provider settings, as JSON text.
    private func paint(_ id: String, provider: String, baseURL: String, keyName: String = "TEST_IMAGE_KEY", count: Int = 1, seed: Int = 1) -> String {
        """
        "\(id)": {"class_type": "RemoteTextToImage", "inputs": {"prompt": "a lighthouse at dusk", "negative_prompt": "blurry",
          "provider": "\(provider)", "model": "test-model", "base_url": "\(baseURL)", "api_key_name": "\(keyName)", "width": 16,
          "height": 12, "seed": \(seed), "count": \(count), "workflow": "", "timeout_seconds": 20, "non_deterministic": false}}
        """
    }

    private func preview(_ id: String, of source: String, slot: Int) -> String {
        #""\#(id)": {"class_type": "PreviewAny", "inputs": {"source": ["\#(source)", \#(slot)]}}"#
    }

    private func image(_ outcome: ExecutionOutcome, _ node: NodeID) -> Tensor? {
        guard case .custom(let payload)? = outcome.results[node]?.slots[0].first else { return nil }
        return (payload as? ImageValue)?.tensor
    }

    private func imageShape(_ outcome: ExecutionOutcome, _ node: NodeID) -> [Int]? {
        image(outcome, node)?.shape
    }

    @Test func openAIImagesAreDecodedIntoOneBatch() async throws {
        let red = try solidPNG(width: 16, height: 12, rgb: [255, 0, 0])
        try await MockOpenAIServer.with([.images([.inline(red), .inline(red)])]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_IMAGE_KEY": key])
            let outcome = try await runner.run(
                "{" + paint("1", provider: "openai", baseURL: server.baseURL, count: 2) + "," + preview("2", of: "1", slot: 1) + "}")
            #expect(outcome.status == .success)
            #expect(imageShape(outcome, "1") == [2, 12, 16, 3])
            let batch = try #require(image(outcome, "1"))
            #expect(batch.scalars[0] == 1 && batch.scalars[1] == 0, "the first pixel is red")
            #expect(outcome.previewText("2") == "", "inline images have no URL")
            let body = try #require(server.received.first)
            #expect(body.authorization == "Bearer \(key)")
            #expect(body.body["n"] == 2)
            #expect(body.body["size"] == "16x12")
            #expect(body.body["prompt"] == "a lighthouse at dusk")
        }
    }

    @Test func fourImageRequestsInOnePromptRunAtOnce() async throws {
        let blue = try solidPNG(width: 16, height: 12, rgb: [0, 0, 255])
        try await MockOpenAIServer.with([.delayed(.milliseconds(300), .images([.inline(blue)]))]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_IMAGE_KEY": key])
            let nodes = (1...4).map { paint("\($0)", provider: "openai", baseURL: server.baseURL, seed: $0) }
            let previews = (1...4).map { preview("\($0 + 10)", of: "\($0)", slot: 1) }
            let outcome = try await runner.run("{" + (nodes + previews).joined(separator: ",") + "}")
            #expect(outcome.status == .success)
            #expect(server.received.count == 4)
            #expect(server.mostConcurrentRequests == 4, "the four remote calls overlap")
        }
    }

    @Test func dashScopeTasksArePolledAndTheirURLsReturned() async throws {
        let green = try solidPNG(width: 16, height: 12, rgb: [0, 255, 0])
        try await MockFileServer.with(["green.png": [.file(green, contentType: "image/png")]]) { files in
            let polls: [MockDashScopeServer.Poll] = [.running(finished: 0, total: 1), .succeeded([.url(files.url("green.png"))])]
            try await MockDashScopeServer.with(polls: polls) { server in
                let runner = try RemoteGraphRunner(environment: ["TEST_IMAGE_KEY": MockDashScopeServer.key])
                let outcome = try await runner.run(
                    "{" + paint("1", provider: "dashscope", baseURL: server.baseURL) + "," + preview("2", of: "1", slot: 1) + "}")
                #expect(outcome.status == .success)
                #expect(imageShape(outcome, "1") == [1, 12, 16, 3])
                #expect(outcome.previewText("2") == files.url("green.png"))
                #expect(!runner.progress(of: "1").isEmpty)
            }
        }
    }

    @Test func anInterruptCancelsTheRemoteTask() async throws {
        try await MockDashScopeServer.with(polls: [.running(finished: 0, total: 1)]) { server in
            let runner = try RemoteGraphRunner(environment: ["TEST_IMAGE_KEY": MockDashScopeServer.key])
            let flag = InterruptionFlag()
            Task {
                try await Task.sleep(for: .milliseconds(700))
                flag.raise()
            }
            let outcome = try await runner.run(
                "{" + paint("1", provider: "dashscope", baseURL: server.baseURL) + "," + preview("2", of: "1", slot: 1) + "}", interruption: flag)
            guard case .interrupted = outcome.status else {
                Issue.record("expected an interruption, got \(outcome.status)")
                return
            }
            #expect(try await eventually { server.log.matching("POST", "/api/v1/tasks/task-1/cancel").count == 1 })
        }
    }

    @Test func aKeylessDashScopeNodeSaysItNeedsAKey() async throws {
        let runner = try RemoteGraphRunner(environment: [:])
        let outcome = try await runner.run(
            "{" + paint("1", provider: "dashscope", baseURL: "http://127.0.0.1:1", keyName: "") + "," + preview("2", of: "1", slot: 1) + "}")
        #expect(outcome.failure?.exceptionMessage.contains("dashscope needs an API key") == true)
    }

    /// LoadImageFromURL (id 1) of `url`, with its MASK previewed.
    private func loadURL(_ url: String, megabytes: Double = 50) -> String {
        """
        {"1": {"class_type": "LoadImageFromURL", "inputs": {"url": "\(url)", "max_megabytes": \(megabytes), "timeout_seconds": 10, "max_redirects": 2}},
         "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 1]}}}
        """
    }

    @Test func loadImageFromURLDecodesImagesAndRefusesEverythingElse() async throws {
        let png = try solidPNG(width: 5, height: 3, rgb: [10, 20, 30])
        let files: [String: [FileReply]] = [
            "ok.png": [.file(png, contentType: "image/png")], "page.html": [.file(Array("<html>".utf8), contentType: "text/html")],
            "moved": [.redirect(302, location: "ok.png")], "big.png": [.huge(bytes: 3_000_000)],
            "fake.png": [.file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], contentType: "image/png")],
        ]
        try await MockFileServer.with(files) { server in
            let runner = try RemoteGraphRunner(environment: [:])
            let loaded = try await runner.run(loadURL(server.url("moved")))
            #expect(imageShape(loaded, "1") == [1, 3, 5, 3])
            let html = try await runner.run(loadURL(server.url("page.html")))
            #expect(html.failure?.exceptionMessage.contains("text/html") == true, "\(html.failure?.exceptionMessage ?? "")")
            let big = try await runner.run(loadURL(server.url("big.png"), megabytes: 1))
            #expect(big.failure?.exceptionMessage.contains("larger than") == true, "\(big.failure?.exceptionMessage ?? "")")
            let fake = try await runner.run(loadURL(server.url("fake.png")))
            #expect(fake.failure?.exceptionMessage.contains("cannot be decoded") == true)
            #expect(fake.failure?.exceptionMessage.contains(server.url("fake.png")) == true)
            let ftp = try await runner.run(loadURL("ftp://127.0.0.1/x.png"))
            #expect(ftp.failure?.nodeType == "LoadImageFromURL")
        }
    }
}
