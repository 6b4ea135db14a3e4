public import Foundation

/// When and how long to wait before trying a remote call again: jittered exponential backoff that retries
/// rate limiting (429, honouring `Retry-After`), gateway and server failures (500, 502, 503, 504), connection
/// failures and timeouts, and nothing else.
public struct RetryPolicy: Sendable {
    /// How many times a call is made in all, the first included; 1 means never retry.
    public var maxAttempts: Int
    /// The wait after the first failure; each further failure doubles it.
    public var baseDelay: Duration
    /// The longest wait, for backoff and for a server's `Retry-After` alike.
    public var maxDelay: Duration
    /// The fraction (0…1) of each backoff delay that is randomised, so that many clients do not retry in step.
    public var jitter: Double
    /// Waits for a delay; tests inject a recorder or a short sleep.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in 0..<1 for the jitter.
    public var random: @Sendable () -> Double

    /// Creates a policy; the defaults suit remote model services.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        jitter: Double = 0.25,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.sleep = sleep
        self.random = random
    }

    /// Whether a response with this HTTP status is worth trying again.
    public func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }

    /// Whether a thrown error is worth trying again: connection failures and timeouts are.
    public func isRetryable(_ error: any Error) -> Bool {
        switch error as? RemoteServiceError {
        case .connectionFailed, .timedOut: true
        default: false
        }
    }

    /// The backoff after failed attempt number `attempt` (1-based): `baseDelay · 2^(attempt−1)`, capped at
    /// `maxDelay`, of which the `jitter` fraction is scaled by a random factor.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = Double(min(max(attempt - 1, 0), 62))
        let full = min(baseDelay / .seconds(1) * pow(2, exponent), maxDelay / .seconds(1))
        let randomised = full * (1 - jitter) + full * jitter * random()
        return .nanoseconds(Int64(randomised * 1e9))
    }

    /// The wait before the next attempt: the server's `Retry-After` when it gave a usable one, capped at
    /// `maxDelay`, else the backoff.
    public func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Duration {
        if let retryAfter, let asked = Self.parseRetryAfter(retryAfter, now: now) {
            return min(asked, maxDelay)
        }
        return backoff(afterAttempt: attempt)
    }

    /// A `Retry-After` header value as a wait: delay-seconds (`120`) or an HTTP-date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`, a date in the past meaning no wait); nil when it is neither.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: trimmed) else { return nil }
        let interval = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64(interval * 1000))
    }

    /// Runs `operation` (given the 1-based attempt number) until it returns a response whose status is not
    /// retryable, throws an error that is not retryable, or `maxAttempts` is used up; then returns the last
    /// response or rethrows the last error. `isFinal` marks responses that must not be retried whatever their
    /// status (a 429 that means "quota used up" rather than "slow down").
    public func run(
        isFinal: (RemoteResponse) -> Bool = { _ in false }, _ operation: (Int) async throws -> RemoteResponse
    ) async throws -> RemoteResponse {
        var attempt = 1
        while true {
            do {
                let response = try await operation(attempt)
                guard isRetryable(status: response.status), !isFinal(response), attempt < maxAttempts else { return response }
                try await sleep(delay(afterAttempt: attempt, retryAfter: response.header("Retry-After")))
            } catch {
                guard isRetryable(error), attempt < maxAttempts else { throw error }
                try await sleep(backoff(afterAttempt: attempt))
            }
            attempt += 1
        }
    }
}
