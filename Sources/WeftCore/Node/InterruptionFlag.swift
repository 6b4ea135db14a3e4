import Synchronization

/// A flag that asks a running prompt to stop; raised by the CLI's Ctrl-C or the server's `/interrupt`.
///
/// One flag belongs to one prompt run, so an interrupt can never leak into the next prompt. The executor waits on
/// it to cancel running nodes at once; nodes poll it through ``NodeContext/checkInterrupted()``.
public final class InterruptionFlag: Sendable {
    private struct State {
        var isRaised = false
        var nextWaiterID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var cancelledWaiters: Set<Int> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Asks the prompt to stop at the next check, and wakes everyone waiting.
    public func raise() {
        let waiters = state.withLock { state in
            state.isRaised = true
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether an interrupt was asked for.
    public var isRaised: Bool { state.withLock { $0.isRaised } }

    /// Returns once the flag is raised, or when the waiting task is cancelled.
    public func waitUntilRaised() async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard !state.isRaised, state.cancelledWaiters.remove(id) == nil else { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                if !state.isRaised { state.cancelledWaiters.insert(id) }
                return nil
            }
            waiter?.resume()
        }
    }
}
