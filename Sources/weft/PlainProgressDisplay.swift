import Synchronization
import WeftCore

/// Progress as plain lines, for logs and pipes: `executing #3 StringConcatenate`, `done #3 (0.4 ms)`, and progress
/// lines at most every 10 %.
///
/// A node's `done` line waits for the executor's next event, so a node called several times (list inputs) reports
/// once, after its last call.
final class PlainProgressDisplay: ProgressDisplay, Sendable {
    /// What has been printed so far, guarded by one lock.
    private struct State {
        /// Call time so far per started node.
        var runTime: [NodeID: Duration] = [:]
        /// Nodes whose latest call returned, not yet reported done, in the order they finished.
        var unreported: [NodeID] = []
        var reported: Set<NodeID> = []
        /// The last tenth of progress reported per node.
        var reportedTenth: [NodeID: Int] = [:]
    }

    private let workflow: Workflow
    private let stream: StandardStream
    private let state = Mutex(State())

    init(workflow: Workflow, stream: StandardStream) {
        self.workflow = workflow
        self.stream = stream
    }

    func handle(_ event: ExecutionEvent) {
        state.withLock { state in
            var text = flush(&state)
            switch event {
            case .executing(let node, _, _):
                state.runTime[node] = state.runTime[node] ?? .zero
                text += "executing \(TextFormatting.nodeLabel(node, in: workflow))\n"
            case .progress(let value, let total, let node, _):
                let tenth = total > 0 ? value * 10 / total : 0
                if tenth > state.reportedTenth[node, default: -1] || value == total {
                    state.reportedTenth[node] = tenth
                    text += "progress #\(node) \(value)/\(total)\n"
                }
            case .executed(let node, _, _, _):
                if !state.reported.contains(node) {
                    text += doneLine(node, state: &state)
                }
            case .executionCached(let nodes, _, _) where !nodes.isEmpty:
                text += "cached \(nodes.count) node(s): " + nodes.prefix(20).map { "#\($0)" }.joined(separator: ", ")
                    + (nodes.count > 20 ? ", …" : "") + "\n"
            case .executionStart, .executionCached, .executionSuccess, .executionError, .executionInterrupted:
                break
            }
            stream.write(text)
        }
    }

    func nodeCallStarted(_ node: NodeID) {
        state.withLock { state in state.unreported.removeAll { $0 == node } }
    }

    func nodeCallFinished(_ node: NodeID, duration: Duration, error: (any Error)?) {
        state.withLock { state in
            state.runTime[node, default: .zero] += duration
            if error == nil {
                state.unreported.append(node)
            } else {
                state.reported.insert(node)
                stream.write("failed #\(node) (\(TextFormatting.duration(state.runTime[node]!)))\n")
            }
        }
    }

    func interruptRequested() {
        stream.write("interrupting… (press Ctrl-C again to quit at once)\n")
    }

    func finish() {
        state.withLock { state in stream.write(flush(&state)) }
    }

    func abandon() {}

    // MARK: helpers

    private func flush(_ state: inout State) -> String {
        var text = ""
        for node in state.unreported where !state.reported.contains(node) {
            text += doneLine(node, state: &state)
        }
        state.unreported.removeAll()
        return text
    }

    private func doneLine(_ node: NodeID, state: inout State) -> String {
        state.reported.insert(node)
        return "done #\(node) (\(TextFormatting.duration(state.runTime[node] ?? .zero)))\n"
    }
}
