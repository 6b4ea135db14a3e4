import GRDB

extension JobStore {
    /// The settings key under which ``nextNumber()`` keeps its counter.
    static let counterKey = "queue.next_number"

    /// Adds a pending prompt. Throws duplicatePromptID if the id exists in any state.
    public func enqueue(_ prompt: QueuedPrompt) throws(JobStoreError) {
        try write { db in try JobRowWriter.insertPending(prompt, into: db) }
    }

    /// The next priority number for a prompt submitted without one (ComfyUI's counter).
    ///
    /// Starts at 0 and grows by one per call, persisted so it keeps growing across restarts.
    public func nextNumber() throws(JobStoreError) -> Int {
        try write { db in
            let stored = try Self.settingValue(Self.counterKey, in: db)
            guard let number = Int(stored ?? "0") else {
                throw JobStoreError.database("the stored queue counter \"\(stored ?? "")\" is not an integer")
            }
            try Self.storeSetting(Self.counterKey, value: String(number + 1), in: db)
            return number
        }
    }

    /// Pending prompts of `user` (nil = all) in run order (number, then insertion order).
    public func pending(user: String?) throws(JobStoreError) -> [QueuedPrompt] {
        let filter = UserFilter(user: user)
        return try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'pending'\(filter.sql) ORDER BY number, seq"
            )
            return try StoredJob.fetchAll(statement, arguments: filter.arguments).map(\.prompt)
        }
    }

    /// Running prompts of `user` (nil = all), in the order they started.
    public func running(user: String?) throws(JobStoreError) -> [QueuedPrompt] {
        let filter = UserFilter(user: user)
        return try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'running'\(filter.sql) ORDER BY claim_seq"
            )
            return try StoredJob.fetchAll(statement, arguments: filter.arguments).map(\.prompt)
        }
    }

    /// Counts of pending and running prompts (user nil = all).
    public func queueCounts(user: String?) throws(JobStoreError) -> (pending: Int, running: Int) {
        let filter = UserFilter(user: user)
        return try read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'running'), 0) FROM jobs \
                    WHERE state IN ('pending', 'running')\(filter.sql)
                    """
            )
            guard let row = try Row.fetchOne(statement, arguments: filter.arguments) else { return (0, 0) }
            return (pending: try row.decode(Int.self, atIndex: 0), running: try row.decode(Int.self, atIndex: 1))
        }
    }

    /// Atomically moves the first pending prompt in run order to running (recording startedAt = `now`) and returns it.
    ///
    /// Returns nil when nothing is pending.
    public func claimNext(now: Int64) throws(JobStoreError) -> QueuedPrompt? {
        try write { db in
            let select = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns), seq FROM jobs WHERE state = 'pending' ORDER BY number, seq LIMIT 1"
            )
            guard let row = try Row.fetchOne(select) else { return nil }
            let prompt = try StoredJob(row: row).prompt
            let seq = try row.decode(Int64.self, atIndex: StoredJob.columnCount)
            let claim = try db.cachedStatement(
                sql: """
                    UPDATE jobs SET state = 'running', started_at = ?, \
                    claim_seq = (SELECT COALESCE(MAX(claim_seq), 0) + 1 FROM jobs WHERE state = 'running') WHERE seq = ?
                    """
            )
            try claim.execute(arguments: [now, seq])
            return prompt
        }
    }

    /// Removes these pending prompts (those of `user` only when user is non-nil); running/finished ones are untouched.
    ///
    /// Returns the ids actually removed, in the order given.
    public func deletePending(_ promptIDs: [String], user: String?) throws(JobStoreError) -> [String] {
        let filter = UserFilter(user: user)
        return try write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM jobs WHERE prompt_id = ? AND state = 'pending'\(filter.sql)")
            var removed: [String] = []
            for promptID in promptIDs {
                try statement.execute(arguments: [promptID] + filter.arguments)
                if db.changesCount > 0 { removed.append(promptID) }
            }
            return removed
        }
    }

    /// Removes every pending prompt of `user` (nil = all). Returns the removed ids in run order.
    public func clearPending(user: String?) throws(JobStoreError) -> [String] {
        let filter = UserFilter(user: user)
        return try write { db in
            let select = try db.cachedStatement(
                sql: "SELECT prompt_id FROM jobs WHERE state = 'pending'\(filter.sql) ORDER BY number, seq"
            )
            let removed = try String.fetchAll(select, arguments: filter.arguments)
            let delete = try db.cachedStatement(sql: "DELETE FROM jobs WHERE state = 'pending'\(filter.sql)")
            try delete.execute(arguments: filter.arguments)
            return removed
        }
    }

    /// Records the end of a running (or pending) prompt: it becomes the newest history entry.
    ///
    /// The record's `prompt.promptID` names it. If the prompt row is missing (e.g. deleted meanwhile) it is
    /// inserted as finished anyway.
    public func finish(_ record: HistoryRecord) throws(JobStoreError) {
        try write { db in try JobRowWriter.finish(record, in: db) }
    }

    /// One prompt in any state, for a user (nil = any user); nil when unknown.
    public func job(_ promptID: String, user: String?) throws(JobStoreError) -> JobRecord? {
        let filter = UserFilter(user: user)
        return try read { db in
            let statement = try db.cachedStatement(sql: "SELECT \(StoredJob.columns) FROM jobs WHERE prompt_id = ?\(filter.sql)")
            return try StoredJob.fetchOne(statement, arguments: [promptID] + filter.arguments)?.job
        }
    }
}
