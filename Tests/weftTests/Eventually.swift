import Foundation

/// A condition that did not come true in time.
struct ConditionTimeout: Error, CustomStringConvertible {
    let description: String
}

/// Calls `check` every `interval` until it returns a value, for at most `timeout`; throws ``ConditionTimeout`` when
/// time runs out.
@discardableResult
func eventually<T>(
    _ condition: String, within timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(25),
    _ check: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await check() { return value }
        try await Task.sleep(for: interval)
    }
    throw ConditionTimeout(description: "not within \(timeout): \(condition)")
}
