import WeftCore

/// A display that shows nothing (`--json` with standard error redirected).
struct SilentProgressDisplay: ProgressDisplay {
    func handle(_ event: ExecutionEvent) {}
    func nodeCallStarted(_ node: NodeID) {}
    func nodeCallFinished(_ node: NodeID, duration: Duration, error: (any Error)?) {}
    func interruptRequested() {}
    func finish() {}
    func abandon() {}
}
