import Foundation
import Testing
import WeftCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `weft serve` as a real process: how fast it is ready, what survives `kill -9` and a clean stop, the warning and
/// the token when listening beyond loopback, and refused command lines.
@Suite struct ServeProcessTests {
    /// A prompt `POST /prompt` accepted: its id and its queue number, as the server answered them.
    struct Submitted {
        var id: String
        var number: JSONValue
        /// The text the prompt's `PreviewAny` (node 3) shows when it succeeds.
        var value: String
    }

    /// `PrimitiveString(value)` → `Delay(seconds)` → `PreviewAny`: a prompt that runs about `seconds`.
    static func delayWorkflow(_ value: String, seconds: Double) -> JSONValue {
        [
            "1": ["class_type": "PrimitiveString", "inputs": ["value": .string(value)]],
            "2": ["class_type": "Delay", "inputs": ["value": ["1", 0], "seconds": .double(seconds)]],
            "3": ["class_type": "PreviewAny", "inputs": ["source": ["2", 0]]],
        ]
    }

    /// Submits ``delayWorkflow(_:seconds:)`` and requires a 200 with an id and a number.
    static func submit(_ server: ServeProcess, _ value: String, seconds: Double, token: String? = nil) async throws -> Submitted {
        let reply = try await server.post("/prompt", ["prompt": delayWorkflow(value, seconds: seconds), "client_id": "c1"], token: token)
        #expect(reply.status == 200, "POST /prompt: \(reply.json)")
        #expect(reply.json["node_errors"] == [:])
        let id = try #require(reply.json["prompt_id"]?.stringValue)
        let number = try #require(reply.json["number"])
        return Submitted(id: id, number: number, value: value)
    }

    /// The history entry of a prompt once it has one (the prompt has finished).
    static func finishedEntry(_ server: ServeProcess, _ id: String, token: String? = nil) async throws -> JSONValue {
        try await eventually("history of \(id)") {
            let reply = try await server.get("/history/\(id)", token: token)
            return reply.status == 200 ? reply.json[id] : nil
        }
    }

    /// Requires a history entry to be a success whose preview shows the prompt's value, with its number kept.
    static func expectSucceeded(_ entry: JSONValue, _ prompt: Submitted) {
        #expect(entry["status"]?["status_str"] == "success", "\(entry["status"] ?? .null)")
        #expect(entry["status"]?["completed"] == true)
        #expect(entry["outputs"]?["3"]?["text"] == [.string(prompt.value)])
        #expect(entry["prompt"]?.arrayValue?.first == prompt.number)
    }

    /// The data of a history entry's first status message of this type (`execution_start`, `execution_error`…).
    static func message(_ type: String, in entry: JSONValue) -> JSONValue? {
        let messages = entry["status"]?["messages"]?.arrayValue ?? []
        return messages.first { $0.arrayValue?.first == .string(type) }?.arrayValue?.last
    }

    /// The prompt ids of `GET /queue`'s running and pending lists, and its paused flag.
    static func queue(_ server: ServeProcess) async throws -> (running: [String], pending: [JSONValue], paused: JSONValue?) {
        let reply = try await server.get("/queue")
        #expect(reply.status == 200)
        let running = (reply.json["queue_running"]?.arrayValue ?? []).compactMap { $0.arrayValue?[1].stringValue }
        return (running, reply.json["queue_pending"]?.arrayValue ?? [], reply.json["paused"])
    }

    /// Waits until `GET /queue` shows exactly these prompts running and these pending, in this order.
    static func waitForQueue(_ server: ServeProcess, running: [Submitted], pending: [Submitted]) async throws {
        try await eventually("queue running \(running.map(\.id)), pending \(pending.map(\.id))") {
            let queue = try await queue(server)
            let pendingIDs = queue.pending.compactMap { $0.arrayValue?[1].stringValue }
            return queue.running == running.map(\.id) && pendingIDs == pending.map(\.id) ? true : nil
        }
    }

    /// A short random tag, so each test's prompt values differ from every other's.
    static func tag() -> String {
        String(UUID().uuidString.prefix(8))
    }

    @Test(.timeLimit(.minutes(1))) func readyWithinThreeSecondsOfLaunch() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = try await ServeProcess.start(data: folder)
        defer { server.kill() }

        let stats = try await eventually("GET /system_stats answers 200", every: .milliseconds(10)) {
            let reply = try? await server.get("/system_stats")
            return reply?.status == 200 ? reply?.json : nil
        }
        let ready = ContinuousClock.now - server.launchedAt
        #expect(ready < .seconds(3), "ready \(ready) after launch")
        guard case .integer(let ramTotal)? = stats["system"]?["ram_total"] else {
            Issue.record("system.ram_total is not an integer: \(stats)")
            return
        }
        #expect(ramTotal > 0)
    }

    @Test(.timeLimit(.minutes(1))) func killedMidPromptFailsItAndRunsTheRestAfterRestart() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tag = Self.tag()
        let first = try await ServeProcess.start(data: folder)
        defer { first.kill() }
        let a = try await Self.submit(first, "A-\(tag)", seconds: 30)
        let b = try await Self.submit(first, "B-\(tag)", seconds: 0.2)
        let c = try await Self.submit(first, "C-\(tag)", seconds: 0.2)
        try await Self.waitForQueue(first, running: [a], pending: [b, c])
        first.kill()
        #expect(try await first.waitForExit()?.exited == false)

        let second = try await ServeProcess.start(data: folder)
        defer { second.kill() }
        let failed = try await Self.finishedEntry(second, a.id)
        #expect(failed["status"]?["status_str"] == "error")
        #expect(failed["status"]?["completed"] == false)
        #expect(failed["prompt"]?.arrayValue?.first == a.number)
        let error = try #require(Self.message("execution_error", in: failed), "messages: \(failed["status"] ?? .null)")
        let exceptionMessage = error["exception_message"]?.stringValue ?? ""
        #expect(exceptionMessage.contains("Weft stopped"), "exception_message: \(exceptionMessage)")

        let entryB = try await Self.finishedEntry(second, b.id)
        let entryC = try await Self.finishedEntry(second, c.id)
        Self.expectSucceeded(entryB, b)
        Self.expectSucceeded(entryC, c)
        guard case .integer(let bSucceeded)? = Self.message("execution_success", in: entryB)?["timestamp"],
            case .integer(let cStarted)? = Self.message("execution_start", in: entryC)?["timestamp"]
        else {
            Issue.record("missing timestamps: \(entryB["status"] ?? .null) \(entryC["status"] ?? .null)")
            return
        }
        #expect(bSucceeded <= cStarted, "C started before B finished")
    }

    /// A prompt cut off by a crash (SIGKILL) or by a clean stop (SIGTERM, which exits 0 and leaves the prompt for
    /// recovery) runs again after a restart with `--requeue-interrupted`.
    @Test(.timeLimit(.minutes(1)), arguments: [SIGKILL, SIGTERM])
    func requeueInterruptedRunsTheCutOffPromptAgain(signal: Int32) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let first = try await ServeProcess.start(data: folder)
        defer { first.kill() }
        let a = try await Self.submit(first, "A-\(Self.tag())", seconds: 1.5)
        try await Self.waitForQueue(first, running: [a], pending: [])
        first.signal(signal)
        let exit = try await first.waitForExit()
        #expect(exit?.exited == (signal == SIGTERM))
        if signal == SIGTERM { #expect(exit?.status == 0) }

        let second = try await ServeProcess.start(data: folder, arguments: ["--requeue-interrupted"])
        defer { second.kill() }
        Self.expectSucceeded(try await Self.finishedEntry(second, a.id), a)
    }

    @Test(.timeLimit(.minutes(1))) func pausedQueueSurvivesACleanStop() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tag = Self.tag()
        let first = try await ServeProcess.start(data: folder)
        defer { first.kill() }
        #expect(try await first.post("/queue", ["pause": true]).status == 200)
        var prompts: [Submitted] = []
        for index in 1...3 {
            prompts.append(try await Self.submit(first, "P\(index)-\(tag)", seconds: 0.1))
        }
        let before = try await Self.queue(first)
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == ServeProcess.Exit(status: 0, exited: true))

        let second = try await ServeProcess.start(data: folder)
        defer { second.kill() }
        let after = try await Self.queue(second)
        #expect(after.running.isEmpty)
        #expect(after.paused == true)
        #expect(after.pending.compactMap { $0.arrayValue?[1].stringValue } == prompts.map(\.id))
        #expect(after.pending.compactMap { $0.arrayValue?.first } == prompts.map(\.number))
        #expect(after.pending == before.pending, "queue items changed across the restart")

        #expect(try await second.post("/queue", ["resume": true]).status == 200)
        for prompt in prompts {
            Self.expectSucceeded(try await Self.finishedEntry(second, prompt.id), prompt)
        }
    }

    @Test(.timeLimit(.minutes(1))) func warnsWhenListeningBeyondLoopbackWithoutAToken() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = try await ServeProcess.start(data: folder, arguments: ["--listen", "0.0.0.0"])
        defer { server.kill() }
        // The warning is written before the port line, so it is there by now.
        #expect(server.standardError.contains("--auth-token"), "stderr: \(server.standardError)")
        #expect(try await server.get("/queue").status == 200)
    }

    @Test(.timeLimit(.minutes(1))) func tokenFromTheEnvironmentGuardsRoutesAndIsNeverWritten() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = "secret-\(UUID().uuidString)"
        let server = try await ServeProcess.start(data: folder, arguments: ["--listen", "0.0.0.0"], environment: ["WEFT_AUTH_TOKEN": token])
        defer { server.kill() }
        #expect(!server.standardError.contains("--auth-token"), "stderr: \(server.standardError)")

        let refused = try await server.get("/queue")
        #expect(refused.status == 401)
        #expect(refused.json["error"]?["type"] == "unauthorized")
        #expect(try await server.get("/queue", token: "wrong-\(token)").status == 401)
        #expect(try await server.get("/queue", token: token).status == 200)
        let prompt = try await Self.submit(server, "T-\(Self.tag())", seconds: 0, token: token)
        Self.expectSucceeded(try await Self.finishedEntry(server, prompt.id, token: token), prompt)

        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == ServeProcess.Exit(status: 0, exited: true))
        #expect(!server.standardOutput.contains(token))
        #expect(!server.standardError.contains(token))
        let data = URL(fileURLWithPath: ServeProcess.dataDirectory(in: folder))
        let databaseFiles = try FileManager.default.contentsOfDirectory(atPath: data.path(percentEncoded: false))
            .filter { $0.hasPrefix("weft.sqlite") }
        #expect(databaseFiles.contains("weft.sqlite"))
        for name in databaseFiles {
            let bytes = try Data(contentsOf: data.appending(path: name))
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is in \(name)")
        }
    }

    @Test(arguments: [
        (["--port", "70000"], "--port"),
        (["--port", "0", "--workers", "0"], "--workers"),
    ])
    func badCommandLineExitsWith2NamingTheFlag(arguments: [String], flag: String) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let process = WeftProcess(arguments: ["serve", "--data-dir", folder.path("data")] + arguments, directory: folder.url)
        let result = try await process.run(timeout: .seconds(10))
        #expect(result.exited)
        #expect(result.status == 2)
        #expect(result.stderr.contains(flag), "stderr: \(result.stderr)")
    }
}
