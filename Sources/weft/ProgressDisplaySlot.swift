import Synchronization
import WeftCore

/// The current run's display, once there is one, for the Ctrl-C handler, which exists before it.
final class ProgressDisplaySlot: Sendable {
    private let display = Mutex<(any ProgressDisplay)?>(nil)

    /// Sets the display that later calls reach.
    func set(_ newDisplay: any ProgressDisplay) {
        display.withLock { $0 = newDisplay }
    }

    /// The display, if one was set.
    var current: (any ProgressDisplay)? { display.withLock { $0 } }
}
