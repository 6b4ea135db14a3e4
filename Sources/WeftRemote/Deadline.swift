import Synchronization

/// A moving point in time after which work is abandoned with `RemoteServiceError.timedOut`.
final class Deadline: Sendable {
    private let limit: Duration
    private let instant: Mutex<ContinuousClock.Instant>

    /// A deadline `limit` from now.
    init(_ limit: Duration) {
        self.limit = limit
        self.instant = Mutex(.now + limit)
    }

    /// Moves the deadline to `limit` from now, because the work showed progress.
    func extend() {
        instant.withLock { $0 = .now + limit }
    }

    /// Runs `work`, cancelling it and throwing `timedOut` if the deadline passes first.
    func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask { .finished(try await work()) }
            group.addTask {
                while true {
                    let remaining = self.instant.withLock { $0 } - .now
                    if remaining <= .zero { return .expired }
                    try await Task.sleep(for: remaining)
                }
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            switch first {
            case .finished(let value): return value
            case .expired: throw RemoteServiceError.timedOut(seconds: limit / .seconds(1))
            }
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case expired
    }
}
