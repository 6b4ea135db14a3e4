import WeftCore

/// A display that shows nothing (`--json` with standard error redirected).
struct SilentProgressDisplay: ProgressDisplay {
    func handle(_ event: ExecutionEvent) {}
    func interruptRequested() {}
    func finish() {}
    func abandon() {}
}
