import Synchronization
import WeftCore

/// The current run's display, once there is one, for callers that exist before it: the Ctrl-C handler, and the
/// ``TimedNode``s built before validation (their call reports are forwarded, or dropped while there is no display).
final class ProgressDisplaySlot: NodeCallObserver, Sendable {
    private let display = Mutex<(any ProgressDisplay)?>(nil)

    /// Sets the display that later calls reach.
    func set(_ newDisplay: any ProgressDisplay) {
        display.withLock { $0 = newDisplay }
    }

    /// The display, if one was set.
    var current: (any ProgressDisplay)? { display.withLock { $0 } }

    func nodeCallStarted(_ node: NodeID) {
        current?.nodeCallStarted(node)
    }

    func nodeCallFinished(_ node: NodeID, duration: Duration, error: (any Error)?) {
        current?.nodeCallFinished(node, duration: duration, error: error)
    }
}
