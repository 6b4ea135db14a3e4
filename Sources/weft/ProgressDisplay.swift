import WeftCore

/// Shows a run's progress as it happens, fed the executor's events.
protocol ProgressDisplay: Sendable {
    /// An executor event (called from any task).
    func handle(_ event: ExecutionEvent)
    /// The first Ctrl-C arrived; the run is stopping.
    func interruptRequested()
    /// The run ended: draw the final state and release the terminal.
    func finish()
    /// The process is about to exit at once (second Ctrl-C): leave the terminal usable.
    func abandon()
}

/// Chooses the display for a run.
enum ProgressDisplays {
    /// A live display when `stream` is a terminal; plain lines when it is not, unless `quietWhenPiped`.
    static func make(for workflow: Workflow, on stream: StandardStream, quietWhenPiped: Bool) -> any ProgressDisplay {
        if stream.isTerminal { return LiveProgressDisplay(workflow: workflow, stream: stream) }
        if quietWhenPiped { return SilentProgressDisplay() }
        return PlainProgressDisplay(workflow: workflow, stream: stream)
    }
}
