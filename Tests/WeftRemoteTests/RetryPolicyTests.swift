import Foundation
import RemoteTestSupport
import Testing
import WeftRemote

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesUpToTheCap() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), jitter: 0)
        #expect(policy.backoff(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 2) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 3) == .milliseconds(350))
        #expect(policy.backoff(afterAttempt: 80) == .milliseconds(350))
    }

    @Test func jitterRandomisesOnlyItsFraction() {
        let low = RetryPolicy(baseDelay: .milliseconds(400), jitter: 0.5, random: { 0 })
        let high = RetryPolicy(baseDelay: .milliseconds(400), jitter: 0.5, random: { 0.5 })
        #expect(low.backoff(afterAttempt: 1) == .milliseconds(200))
        #expect(high.backoff(afterAttempt: 1) == .milliseconds(300))
    }

    @Test func retryAfterSecondsAndDatesAreParsed() throws {
        let now = Date(timeIntervalSince1970: 1_445_412_450)  // Wed, 21 Oct 2015 07:27:30 GMT
        #expect(RetryPolicy.parseRetryAfter("120", now: now) == .seconds(120))
        #expect(RetryPolicy.parseRetryAfter(" 0 ", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("-5", now: now) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test func retryAfterIsHonouredButCapped() {
        let policy = RetryPolicy(baseDelay: .milliseconds(10), maxDelay: .seconds(5), jitter: 0)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "2") == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600") == .seconds(5))
        #expect(policy.delay(afterAttempt: 2, retryAfter: "garbage") == .milliseconds(20))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .milliseconds(20))
    }

    @Test func onlyRateLimitsServerFailuresAndConnectionErrorsAreRetried() {
        let policy = RetryPolicy()
        #expect([429, 500, 502, 503, 504].allSatisfy(policy.isRetryable(status:)))
        #expect(![200, 400, 401, 403, 404, 409, 422, 501].contains(where: policy.isRetryable(status:)))
        #expect(policy.isRetryable(RemoteServiceError.timedOut(seconds: 1)))
        #expect(policy.isRetryable(RemoteServiceError.connectionFailed("refused")))
        #expect(!policy.isRetryable(RemoteServiceError.responseTooLarge(limit: 1)))
        #expect(!policy.isRetryable(CancellationError()))
    }

    @Test func runRetriesUntilSuccessOrAttemptsRunOut() async throws {
        let recorder = SleepRecorder()
        let policy = recorder.policy(maxAttempts: 3)
        var calls = 0
        let success = try await policy.run { _ in
            calls += 1
            return RemoteResponse(status: calls == 1 ? 503 : 200)
        }
        #expect(success.status == 200 && calls == 2)
        calls = 0
        let exhausted = try await policy.run { _ in
            calls += 1
            return RemoteResponse(status: 429, headers: [("Retry-After", "1")])
        }
        #expect(exhausted.status == 429 && calls == 3)
        calls = 0
        let refused = try await policy.run { _ in
            calls += 1
            return RemoteResponse(status: 400)
        }
        #expect(refused.status == 400 && calls == 1)
        #expect(recorder.recorded == [.milliseconds(10), .seconds(1), .seconds(1)])
    }

    @Test func runRetriesThrownConnectionErrorsOnly() async throws {
        let policy = SleepRecorder().policy(maxAttempts: 3)
        var calls = 0
        await #expect(throws: RemoteServiceError.connectionFailed("refused")) {
            try await policy.run { _ in
                calls += 1
                throw RemoteServiceError.connectionFailed("refused")
            }
        }
        #expect(calls == 3)
        calls = 0
        await #expect(throws: RemoteServiceError.responseTooLarge(limit: 1)) {
            try await policy.run { _ in
                calls += 1
                throw RemoteServiceError.responseTooLarge(limit: 1)
            }
        }
        #expect(calls == 1)
    }
}
