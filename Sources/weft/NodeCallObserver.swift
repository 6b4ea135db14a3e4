import WeftCore

/// Told when each call of a node starts and ends, with how long it took; see ``TimedNode``.
///
/// The executor's events say when a node starts but, for nodes without UI data, not when it is done; timing each
/// call closes that gap for the progress display.
protocol NodeCallObserver: Sendable {
    /// A call of the node started.
    func nodeCallStarted(_ node: NodeID)
    /// A call of the node returned (`error` nil) or threw.
    func nodeCallFinished(_ node: NodeID, duration: Duration, error: (any Error)?)
}
