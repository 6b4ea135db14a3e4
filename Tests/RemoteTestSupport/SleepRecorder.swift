import Synchronization
package import WeftRemote

/// Records the delays a `RetryPolicy` or a `RemoteJobTiming` asks for instead of waiting them out.
package final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])

    /// A recorder with nothing recorded.
    package init() {}

    /// The delays asked for so far.
    package var recorded: [Duration] { delays.withLock { $0 } }

    /// A policy that retries up to `maxAttempts` times without really waiting.
    package func policy(maxAttempts: Int = 3, maxDelay: Duration = .seconds(5)) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: maxDelay, jitter: 0,
            sleep: { [self] delay in delays.withLock { $0.append(delay) } })
    }

    /// A job timing that polls without really waiting, starting 10 ms apart and doubling up to 40 ms.
    package func timing(deadline: Duration = .seconds(5)) -> RemoteJobTiming {
        RemoteJobTiming(
            firstPollDelay: .milliseconds(10), pollGrowth: 2, maxPollDelay: .milliseconds(40), deadline: deadline, cancelTimeout: .seconds(1),
            sleep: { [self] delay in delays.withLock { $0.append(delay) } })
    }
}

extension RemoteJobTiming {
    /// A timing that really waits, briefly: 5 ms between polls, for tests that cancel or time out a running job.
    package static func brief(deadline: Duration = .seconds(5)) -> RemoteJobTiming {
        RemoteJobTiming(
            firstPollDelay: .milliseconds(5), pollGrowth: 1, maxPollDelay: .milliseconds(5), deadline: deadline, cancelTimeout: .seconds(1))
    }
}
