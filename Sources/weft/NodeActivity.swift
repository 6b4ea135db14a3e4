import WeftCore

/// What the live display knows about one node that has started.
struct NodeActivity {
    /// Where a node stands.
    enum State {
        case running
        case done
        case failed
        case interrupted
    }

    let id: NodeID
    /// `#3 IntMath "My math"`.
    let label: String
    var state: State = .running
    /// When the executor announced the node.
    let announcedAt: ContinuousClock.Instant
    /// When the node finished or failed.
    var endedAt: ContinuousClock.Instant?
    /// The latest progress report, if the node reports any.
    var progress: (value: Int, total: Int)?
}

/// The nodes of a run in the order they started, with quick lookup by id.
struct RunActivity {
    private(set) var entries: [NodeActivity] = []
    private var indexByID: [NodeID: Int] = [:]
    /// Indexes of entries that are still running.
    private(set) var running: Set<Int> = []
    private(set) var doneCount = 0
    private(set) var failedCount = 0

    /// Adds a node as running (no-op when it is known already).
    mutating func start(_ id: NodeID, label: String, at instant: ContinuousClock.Instant) {
        guard indexByID[id] == nil else { return }
        indexByID[id] = entries.count
        running.insert(entries.count)
        entries.append(NodeActivity(id: id, label: label, announcedAt: instant))
    }

    /// Changes a known node's state, noting when it ended (unknown ids are ignored).
    mutating func set(_ id: NodeID, to state: NodeActivity.State, at instant: ContinuousClock.Instant) {
        guard let index = indexByID[id] else { return }
        let old = entries[index].state
        guard old != state else { return }
        if old == .done { doneCount -= 1 }
        if old == .failed { failedCount -= 1 }
        if state == .done { doneCount += 1 }
        if state == .failed { failedCount += 1 }
        entries[index].state = state
        entries[index].endedAt = state == .running ? nil : instant
        if state == .running { running.insert(index) } else { running.remove(index) }
    }

    /// Records a progress report for a known node.
    mutating func setProgress(_ id: NodeID, value: Int, total: Int) {
        guard let index = indexByID[id] else { return }
        entries[index].progress = (value, total)
    }

    /// Marks every node still running as interrupted.
    mutating func interruptRunning(at instant: ContinuousClock.Instant) {
        for index in running {
            entries[index].state = .interrupted
            entries[index].endedAt = instant
        }
        running.removeAll()
    }

    /// At most `limit` entries to show, in start order: every running one, then the most recent others.
    func visibleIndexes(limit: Int) -> [Int] {
        guard entries.count > limit else { return Array(entries.indices) }
        var chosen = Set(running.sorted().suffix(limit))
        var index = entries.count - 1
        while chosen.count < limit, index >= 0 {
            chosen.insert(index)
            index -= 1
        }
        return chosen.sorted()
    }
}
