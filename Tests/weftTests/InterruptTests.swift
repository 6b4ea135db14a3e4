import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C during a run: the running node stops and `weft` exits with 130 promptly.
@Suite struct InterruptTests {
    /// A chain of StringConcatenate nodes long enough to be still running well after the first node starts.
    static func chain(length: Int) -> String {
        var text = #"{"1": {"class_type": "PrimitiveString", "inputs": {"value": "x"}}"#
        for index in 2...length {
            text +=
                #", "\#(index)": {"class_type": "StringConcatenate", "inputs": {"string_a": ["\#(index - 1)", 0], "string_b": "", "delimiter": ""}}"#
        }
        text += #", "\#(length + 1)": {"class_type": "PreviewAny", "inputs": {"source": ["\#(length)", 0]}}}"#
        return text
    }

    @Test(.timeLimit(.minutes(1))) func sigintStopsTheRunWith130() async throws {
        let data = try TemporaryDirectory()
        defer { data.remove() }
        let file = try data.write("chain.json", Self.chain(length: 25_000))

        let process = WeftProcess(arguments: ["run", file], directory: data.url)
        let signalled = SignalTime()
        let result = try await process.run { pid, stdout in
            // Wait until nodes are running, then press Ctrl-C.
            while !((try? String(contentsOf: stdout, encoding: .utf8))?.contains("executing") ?? false) {
                try? await Task.sleep(for: .milliseconds(10))
            }
            signalled.mark()
            kill(pid, SIGINT)
        }
        let exitDelay = signalled.elapsed
        #expect(result.exited)
        #expect(result.status == 130)
        #expect(result.stderr.contains("interrupted"))
        #expect(!result.stdout.contains("finished in"))
        #expect(exitDelay < .seconds(2), "exited \(exitDelay) after SIGINT")
    }
}

/// When the signal was sent, shared between the watcher and the test.
final class SignalTime: Sendable {
    private let instant = Mutex<ContinuousClock.Instant?>(nil)

    func mark() { instant.withLock { $0 = .now } }

    /// Time since ``mark()``.
    var elapsed: Duration { instant.withLock { $0.map { .now - $0 } ?? .zero } }
}
