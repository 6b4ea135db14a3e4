import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct ImageDownloaderTests {
    private let png = TestImages.png(7)

    private func downloader(_ recorder: SleepRecorder = SleepRecorder(), limits: DownloadLimits = DownloadLimits(timeout: .seconds(5)))
        -> ImageDownloader
    {
        ImageDownloader(limits: limits, retryPolicy: recorder.policy())
    }

    /// Downloads `name` from a server with `scripts` and returns the error the download fails with.
    private func failure(
        _ name: String, _ scripts: [String: [FileReply]], limits: DownloadLimits = DownloadLimits(timeout: .seconds(5))
    ) async throws -> (error: RemoteServiceError?, url: String) {
        try await MockFileServer.with(scripts) { server in
            do {
                _ = try await downloader(limits: limits).download(server.url(name))
                return (nil, server.url(name))
            } catch let error as RemoteServiceError {
                return (error, server.url(name))
            }
        }
    }

    @Test func downloadsAnImageSendingItsHeaders() async throws {
        try await MockFileServer.with(["cat.png": [.file(png, contentType: "image/png; charset=binary")]]) { server in
            let image = try await downloader().download(server.url("cat.png"), headers: [("Authorization", "Bearer sk-file")])
            #expect(image == DownloadedImage(bytes: png, finalURL: server.url("cat.png"), mediaType: "image/png"))
            let request = try #require(server.log.all.first)
            #expect(request.headers["authorization"] == "Bearer sk-file")
            #expect(request.headers["accept"] == "image/*")
        }
    }

    @Test func urlsThatAreNotHTTPAreRefusedUnsent() async throws {
        for url in ["ftp://example.com/a.png", "file:///etc/passwd", "not a url", "http://", "javascript:alert(1)", ""] {
            await #expect(throws: RemoteServiceError.downloadFailed(url: url, reason: "it is not an http or https URL")) {
                try await downloader().download(url)
            }
        }
    }

    @Test func redirectsAreFollowedHopByHop() async throws {
        let jpeg = TestImages.jpeg(3)
        try await MockFileServer.with([
            "a": [.redirect(301, location: "/files/b")], "b": [.redirect(302, location: "c")],
            "d": [.redirect(308, location: "d.jpg?size=large")], "d.jpg": [.file(jpeg, contentType: "image/jpeg")],
        ]) { server in
            server.script("c", [.redirect(307, location: server.url("d"))])
            let image = try await downloader().download(server.url("a"), headers: [("Authorization", "Bearer same-origin")])
            #expect(image.bytes == jpeg)
            #expect(image.finalURL == server.url("d.jpg?size=large"))
            #expect(server.log.all.map(\.path) == ["/files/a", "/files/b", "/files/c", "/files/d", "/files/d.jpg"])
            #expect(server.log.all.allSatisfy { $0.headers["authorization"] == "Bearer same-origin" })
        }
    }

    @Test func tooManyRedirectsAreRefused() async throws {
        let hops: [String: [FileReply]] = [
            "r1": [.redirect(302, location: "r2")], "r2": [.redirect(302, location: "r3")], "r3": [.redirect(302, location: "r4")],
            "r4": [.file(png, contentType: "image/png")],
        ]
        let (error, url) = try await failure("r1", hops, limits: DownloadLimits(timeout: .seconds(5), maxRedirects: 2))
        #expect(error == .downloadFailed(url: url, reason: "it redirects more than 2 times"))
    }

    @Test func redirectsToOtherSchemesAreRefused() async throws {
        let (toFile, fileURL) = try await failure("x", ["x": [.redirect(302, location: "file:///etc/passwd")]])
        #expect(toFile == .downloadFailed(url: fileURL, reason: "it redirects to file:///etc/passwd, which is not an http or https URL"))
        let (toFTP, ftpURL) = try await failure("y", ["y": [.redirect(301, location: "ftp://127.0.0.1/y.png")]])
        #expect(toFTP == .downloadFailed(url: ftpURL, reason: "it redirects to ftp://127.0.0.1/y.png, which is not an http or https URL"))
        let (nowhere, nowhereURL) = try await failure("z", ["z": [.status(302)]])
        #expect(nowhere == .downloadFailed(url: nowhereURL, reason: "HTTP 302 without a usable Location header"))
    }

    @Test func credentialsStayWithTheirOrigin() async throws {
        try await MockFileServer.with(["b": [.file(png, contentType: "image/png")]]) { other in
            try await MockFileServer.with(["a": [.redirect(302, location: other.url("b"))]]) { first in
                let image = try await downloader().download(first.url("a"), headers: [("Authorization", "Bearer first-only")])
                #expect(image.bytes == png)
                #expect(first.log.all.first?.headers["authorization"] == "Bearer first-only")
                let hop = try #require(other.log.all.first)
                #expect(hop.headers["authorization"] == nil)
            }
        }
    }

    @Test func onlyImagesAreAccepted() async throws {
        let text = Array("just some text, not a picture".utf8)
        try await MockFileServer.with([
            "page": [.file(Array("<html></html>".utf8), contentType: "text/html; charset=utf-8")],
            "data": [.file(Array("{}".utf8), contentType: "application/json")],
            "octet-png": [.file(png, contentType: "application/octet-stream")],
            "untyped-jpeg": [.file(TestImages.jpeg(1), contentType: nil)],
            "octet-text": [.file(text, contentType: "application/octet-stream")],
            "untyped-text": [.file(text, contentType: nil)],
            "empty": [.file([], contentType: "image/png")],
        ]) { server in
            let downloader = downloader()
            let refusals: [(String, String)] = [
                ("page", "the answer has the content type \"text/html\", not an image type"),
                ("data", "the answer has the content type \"application/json\", not an image type"),
                ("octet-text", "the answer has the content type \"application/octet-stream\" and its bytes are not a PNG, JPEG, WebP or GIF image"),
                ("untyped-text", "the answer has no content type and its bytes are not a PNG, JPEG, WebP or GIF image"),
                ("empty", "the answer is empty"),
            ]
            for (name, reason) in refusals {
                await #expect(throws: RemoteServiceError.downloadFailed(url: server.url(name), reason: reason)) {
                    try await downloader.download(server.url(name))
                }
            }
            #expect(try await downloader.download(server.url("octet-png")).mediaType == "application/octet-stream")
            let untyped = try await downloader.download(server.url("untyped-jpeg"))
            #expect(untyped.bytes == TestImages.jpeg(1) && untyped.mediaType == nil)
        }
    }

    @Test func errorStatusesNameTheURL() async throws {
        let (missing, missingURL) = try await failure("gone.png", [:])
        #expect(missing == .downloadFailed(url: missingURL, reason: "the server answered HTTP 404"))
        let (down, downURL) = try await failure("down.png", ["down.png": [.status(500)]])
        #expect(down == .downloadFailed(url: downURL, reason: "the server answered HTTP 500 after 3 attempts"))
    }

    @Test func rateLimitsAndServerErrorsAreRetried() async throws {
        let recorder = SleepRecorder()
        try await MockFileServer.with(["busy.png": [.status(429, retryAfter: "2"), .status(503), .file(png, contentType: "image/png")]]) { server in
            let image = try await downloader(recorder).download(server.url("busy.png"))
            #expect(image.bytes == png)
            #expect(server.log.all.count == 3)
        }
        #expect(recorder.recorded == [.seconds(2), .milliseconds(20)])
    }

    @Test func hugeAnswersAreCutOffWhileReading() async throws {
        let (error, _) = try await failure(
            "huge.png", ["huge.png": [.huge(bytes: 5_000_000)]], limits: DownloadLimits(maxBytes: 100_000, timeout: .seconds(5)))
        #expect(error == .responseTooLarge(limit: 100_000))
    }

    @Test func slowServersTimeOutWithinTheTotalLimit() async throws {
        let start = ContinuousClock.now
        let (error, _) = try await failure(
            "slow.png", ["slow.png": [.delayed(.seconds(3), .file(png, contentType: "image/png"))]],
            limits: DownloadLimits(timeout: .milliseconds(300)))
        #expect(error == .timedOut(seconds: 0.3))
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
