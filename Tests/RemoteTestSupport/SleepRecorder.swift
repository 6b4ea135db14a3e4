import Synchronization
package import WeftRemote

/// Records the delays a `RetryPolicy` asks for instead of waiting them out.
package final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])

    /// The delays asked for so far.
    /// A recorder with nothing recorded.
    package init() {}

    package var recorded: [Duration] { delays.withLock { $0 } }

    /// A policy that retries up to `maxAttempts` times without really waiting.
    package func policy(maxAttempts: Int = 3, maxDelay: Duration = .seconds(5)) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: maxDelay, jitter: 0,
            sleep: { [self] delay in delays.withLock { $0.append(delay) } })
    }
}
