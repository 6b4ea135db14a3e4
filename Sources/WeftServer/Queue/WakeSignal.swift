import Synchronization

/// Wakes idle workers when there may be work: a prompt arrived, the queue resumed, or the server is stopping.
///
/// A notification that arrives while nobody waits is remembered, so a worker that checks the queue and then waits
/// cannot miss a prompt that arrived in between.
final class WakeSignal: Sendable {
    private struct State {
        var waiters: [CheckedContinuation<Void, Never>] = []
        var pending = false
    }

    private let state = Mutex(State())

    /// Returns at the next notification (at once if one is pending), or when the task is cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await suspend()
        } onCancel: {
            notifyAll()
        }
    }

    private func suspend() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.pending {
                    state.pending = false
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Wakes every waiting worker, or remembers the notification for the next one to wait.
    func notifyAll() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiters.isEmpty {
                state.pending = true
                return []
            }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
