import Synchronization
import WeftCore

/// The terminal display: one line per started node (`✓`, a spinner or `✗`, the node, its time and a progress bar),
/// redrawn in place with ANSI escapes at most ~20 times a second, and on a timer so spinners and clocks move.
final class LiveProgressDisplay: ProgressDisplay, Sendable {
    /// Everything the display draws from, guarded by one lock.
    private struct State {
        var activity = RunActivity()
        var linesDrawn = 0
        var lastDraw: ContinuousClock.Instant?
        var frame = 0
        var interrupting = false
        var finished = false
    }

    private static let minimumInterval = Duration.milliseconds(50)
    private static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    private let workflow: Workflow
    private let stream: StandardStream
    private let clock = ContinuousClock()
    private let state = Mutex(State())
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    init(workflow: Workflow, stream: StandardStream) {
        self.workflow = workflow
        self.stream = stream
        stream.write(ANSI.hideCursor)
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                self?.redraw(force: false)
            }
        }
        ticker.withLock { $0 = task }
    }

    // MARK: ProgressDisplay

    func handle(_ event: ExecutionEvent) {
        let now = clock.now
        state.withLock { state in
            switch event {
            case .executing(let node, _, _):
                state.activity.start(node, label: TextFormatting.nodeLabel(node, in: workflow), at: now)
            case .progress(let value, let total, let node, _):
                state.activity.setProgress(node, value: value, total: total)
            case .progressState(let node, .finished, _):
                state.activity.set(node, to: .done, at: now)
            case .progressState(let node, .error, _):
                state.activity.set(node, to: .failed, at: now)
            case .executionInterrupted:
                state.activity.interruptRunning(at: now)
            case .executionStart, .executionCached, .executionSuccess, .executionError, .executed, .progressState, .preview:
                break
            }
        }
        redraw(force: false)
    }

    func interruptRequested() {
        state.withLock { $0.interrupting = true }
        redraw(force: true)
    }

    func finish() {
        ticker.withLock { $0?.cancel() }
        redraw(force: true)
        state.withLock { $0.finished = true }
        stream.write(ANSI.showCursor)
    }

    func abandon() {
        state.withLock { $0.finished = true }
        stream.write(ANSI.showCursor + "\n")
    }

    // MARK: drawing

    private func redraw(force: Bool) {
        let now = clock.now
        state.withLock { state in
            guard !state.finished else { return }
            if !force, let last = state.lastDraw, now - last < Self.minimumInterval { return }
            state.lastDraw = now
            state.frame += 1
            let size = stream.terminalSize ?? (columns: 80, rows: 24)
            let lines = render(state, now: now, columns: size.columns, maxLines: max(3, min(20, size.rows - 3)))
            var text = state.linesDrawn > 0 ? ANSI.up(state.linesDrawn) : ""
            for line in lines { text += ANSI.clearLine + line + "\n" }
            text += ANSI.clearBelow
            state.linesDrawn = lines.count
            stream.write(text)
        }
    }

    private func render(_ state: State, now: ContinuousClock.Instant, columns: Int, maxLines: Int) -> [String] {
        let activity = state.activity
        let visible = activity.visibleIndexes(limit: maxLines)
        var lines: [String] = []
        let hidden = activity.entries.count - visible.count
        if hidden > 0 {
            lines.append(ANSI.dim("… \(hidden) earlier node(s) not shown; \(activity.doneCount) done so far"))
        }
        for index in visible {
            lines.append(line(for: activity.entries[index], frame: state.frame, now: now, columns: columns))
        }
        if state.interrupting {
            lines.append(ANSI.yellow("interrupting… (press Ctrl-C again to quit at once)"))
        }
        return lines
    }

    private func line(for node: NodeActivity, frame: Int, now: ContinuousClock.Instant, columns: Int) -> String {
        let symbol =
            switch node.state {
            case .running: ANSI.cyan(Self.spinner[frame % Self.spinner.count])
            case .done: ANSI.green("✓")
            case .failed: ANSI.red("✗")
            case .interrupted: ANSI.yellow("✗")
            }
        let time = (node.endedAt ?? now) - node.announcedAt
        var text = "\(node.label)  \(TextFormatting.duration(time))"
        if let progress = node.progress, progress.total > 0 {
            text += "  " + Self.bar(value: progress.value, total: progress.total)
        }
        return symbol + " " + TextFormatting.truncated(text, to: max(10, columns - 3))
    }

    /// `[########------------] 7/20`.
    static func bar(value: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, max(0, value * width / total)) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(value)/\(total)"
    }
}
