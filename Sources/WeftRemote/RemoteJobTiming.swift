import Foundation

/// How long to wait for a remote job and how often to ask about it: polls start `firstPollDelay` apart and the
/// gap grows by `pollGrowth` each time up to `maxPollDelay`; the whole job is abandoned after `deadline`; asking the
/// service to drop an abandoned job may take at most `cancelTimeout`.
public struct RemoteJobTiming: Sendable {
    /// The wait before the first poll.
    public var firstPollDelay: Duration
    /// The factor (at least 1) by which each wait exceeds the one before.
    public var pollGrowth: Double
    /// The longest wait between polls.
    public var maxPollDelay: Duration
    /// The longest a whole job may take, from submission to the last image downloaded.
    public var deadline: Duration
    /// The longest the best-effort cancellation of an abandoned job may take.
    public var cancelTimeout: Duration
    /// Waits between polls; tests inject a recorder or a short sleep.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a timing; the defaults suit image services, whose jobs take seconds to minutes.
    public init(
        firstPollDelay: Duration = .milliseconds(500),
        pollGrowth: Double = 1.5,
        maxPollDelay: Duration = .seconds(5),
        deadline: Duration = .seconds(600),
        cancelTimeout: Duration = .seconds(3),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.firstPollDelay = firstPollDelay
        self.pollGrowth = max(1, pollGrowth)
        self.maxPollDelay = maxPollDelay
        self.deadline = deadline
        self.cancelTimeout = cancelTimeout
        self.sleep = sleep
    }

    /// The wait before poll number `poll` (1-based): `firstPollDelay · pollGrowth^(poll−1)`, capped at `maxPollDelay`.
    public func pollDelay(before poll: Int) -> Duration {
        let exponent = Double(min(max(poll - 1, 0), 64))
        let seconds = min(firstPollDelay / .seconds(1) * pow(pollGrowth, exponent), maxPollDelay / .seconds(1))
        return .nanoseconds(Int64(seconds * 1e9))
    }

    /// Calls `check` until it returns a value, waiting the growing poll delay before each call, or only between
    /// calls when `waitFirst` is false.
    func poll<T>(waitFirst: Bool, _ check: () async throws -> T?) async throws -> T {
        var polls = 0
        if waitFirst { try await sleep(pollDelay(before: 1)) }
        while true {
            if let result = try await check() { return result }
            polls += 1
            try await sleep(pollDelay(before: waitFirst ? polls + 1 : polls))
        }
    }
}
