import Synchronization
import WeftCore

/// Progress as plain lines, for logs and pipes: `executing #3 StringConcatenate`, `done #3 (0.4 ms)`, and progress
/// lines at most every 10 %.
final class PlainProgressDisplay: ProgressDisplay, Sendable {
    /// When each started node was announced, and the last tenth of progress reported per node.
    private struct State {
        var startedAt: [NodeID: ContinuousClock.Instant] = [:]
        var reportedTenth: [NodeID: Int] = [:]
    }

    private let workflow: Workflow
    private let stream: StandardStream
    private let clock = ContinuousClock()
    private let state = Mutex(State())

    init(workflow: Workflow, stream: StandardStream) {
        self.workflow = workflow
        self.stream = stream
    }

    func handle(_ event: ExecutionEvent) {
        let now = clock.now
        state.withLock { state in
            switch event {
            case .executing(let node, _, _):
                state.startedAt[node] = now
                stream.write("executing \(TextFormatting.nodeLabel(node, in: workflow))\n")
            case .progress(let value, let total, let node, _):
                let tenth = total > 0 ? value * 10 / total : 0
                if tenth > state.reportedTenth[node, default: -1] || value == total {
                    state.reportedTenth[node] = tenth
                    stream.write("progress #\(node) \(value)/\(total)\n")
                }
            case .progressState(let node, .finished, _):
                stream.write("done #\(node) (\(elapsed(node, state: state, now: now)))\n")
            case .progressState(let node, .error, _):
                stream.write("failed #\(node) (\(elapsed(node, state: state, now: now)))\n")
            case .executionCached(let nodes, _, _) where !nodes.isEmpty:
                stream.write(
                    "cached \(nodes.count) node(s): " + nodes.prefix(20).map { "#\($0)" }.joined(separator: ", ")
                        + (nodes.count > 20 ? ", …" : "") + "\n"
                )
            case .executionStart, .executionCached, .executed, .progressState, .preview, .executionSuccess, .executionError,
                .executionInterrupted:
                break
            }
        }
    }

    func interruptRequested() {
        stream.write("interrupting… (press Ctrl-C again to quit at once)\n")
    }

    func finish() {}

    func abandon() {}

    private func elapsed(_ node: NodeID, state: State, now: ContinuousClock.Instant) -> String {
        TextFormatting.duration(now - (state.startedAt[node] ?? now))
    }
}
