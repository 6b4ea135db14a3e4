import Synchronization

/// A job submitted to a remote service, as far as giving up on it is concerned: the id the service gave it, and
/// whether the service has said it ended (after which there is nothing left to cancel).
final class RemoteJob: Sendable {
    private struct State {
        var id: String?
        var settled = false
    }

    private let state = Mutex(State())

    /// Records the id the service gave the job.
    func submitted(id: String) {
        state.withLock { $0.id = id }
    }

    /// Records that the service said the job ended, successfully or not.
    func settled() {
        state.withLock { $0.settled = true }
    }

    /// The id of the job if it was submitted and has not ended: the one to cancel when giving up.
    var unsettledID: String? {
        state.withLock { $0.settled ? nil : $0.id }
    }

    /// Runs `work` within `timing.deadline`. When `work` throws (cancelled, timed out or failed) while its job is
    /// submitted and unsettled, `cancel` is called with the job's id in a task of its own, which the cancellation does
    /// not reach, and waited for at most `timing.cancelTimeout`. A cancelled run then throws `CancellationError`.
    static func run<T: Sendable>(
        timing: RemoteJobTiming, cancel: @escaping @Sendable (String) async -> Void,
        _ work: @escaping @Sendable (RemoteJob) async throws -> T
    ) async throws -> T {
        let job = RemoteJob()
        do {
            return try await Deadline(timing.deadline).run { try await work(job) }
        } catch {
            if let id = job.unsettledID {
                let limit = timing.cancelTimeout
                await Task { _ = try? await Deadline(limit).run { await cancel(id) } }.value
            }
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }
}
