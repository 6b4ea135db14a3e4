import GRDB

extension JobStore {
    /// History entries of `user` in finish order, oldest first, paged by ComfyUI's rule.
    ///
    /// If `offset` is nil (or negative) and `maxItems` is given, the offset becomes `count - maxItems`, so the
    /// newest `maxItems` entries are returned; then entries from index `offset` on are taken, at most `maxItems`.
    public func history(user: String?, maxItems: Int?, offset: Int?) throws(JobStoreError) -> [HistoryRecord] {
        let filter = UserFilter(user: user)
        return try read { db in
            var start = max(offset ?? -1, 0)
            if let maxItems, (offset ?? -1) < 0 {
                let count = try db.cachedStatement(sql: "SELECT COUNT(*) FROM jobs WHERE state = 'finished'\(filter.sql)")
                start = max((try Int.fetchOne(count, arguments: filter.arguments) ?? 0) - maxItems, 0)
            }
            let statement = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'finished'\(filter.sql) ORDER BY finish_seq LIMIT ? OFFSET ?"
            )
            let page: StatementArguments = [maxItems.map { max($0, 0) } ?? -1, start]
            return try StoredJob.fetchAll(statement, arguments: filter.arguments + page).compactMap(\.history)
        }
    }

    /// One history entry (nil if unknown, still pending/running, or another user's).
    public func historyEntry(_ promptID: String, user: String?) throws(JobStoreError) -> HistoryRecord? {
        let filter = UserFilter(user: user)
        return try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE prompt_id = ? AND state = 'finished'\(filter.sql)"
            )
            return try StoredJob.fetchOne(statement, arguments: [promptID] + filter.arguments)?.history
        }
    }

    /// Deletes these history entries; returns the deleted records (so the caller can delete their files).
    public func deleteHistory(_ promptIDs: [String], user: String?) throws(JobStoreError) -> [HistoryRecord] {
        let filter = UserFilter(user: user)
        return try write { db in
            let select = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE prompt_id = ? AND state = 'finished'\(filter.sql)"
            )
            let delete = try db.cachedStatement(sql: "DELETE FROM jobs WHERE prompt_id = ? AND state = 'finished'")
            var deleted: [HistoryRecord] = []
            for promptID in promptIDs {
                guard let record = try StoredJob.fetchOne(select, arguments: [promptID] + filter.arguments)?.history else { continue }
                try delete.execute(arguments: [promptID])
                deleted.append(record)
            }
            return deleted
        }
    }

    /// Deletes all history of `user` (nil = all); returns the deleted records, oldest first.
    public func clearHistory(user: String?) throws(JobStoreError) -> [HistoryRecord] {
        let filter = UserFilter(user: user)
        return try write { db in
            let select = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'finished'\(filter.sql) ORDER BY finish_seq"
            )
            let deleted = try StoredJob.fetchAll(select, arguments: filter.arguments).compactMap(\.history)
            try db.cachedStatement(sql: "DELETE FROM jobs WHERE state = 'finished'\(filter.sql)").execute(arguments: filter.arguments)
            return deleted
        }
    }

    /// Retention: keeps at most `maxItems` newest history entries (nil = no count limit) and drops entries that
    /// finished before `finishedBefore` (ms; nil = no age limit). Returns the deleted records, oldest first.
    ///
    /// With `slack`, the count may run up to `maxItems + slack` before entries are dropped (down to `maxItems`), so a
    /// server that prunes after every prompt pays for a count-based prune once per `slack` prompts; in between, a
    /// call costs two index lookups.
    public func pruneHistory(maxItems: Int?, finishedBefore: Int64?, slack: Int = 0) throws(JobStoreError) -> [HistoryRecord] {
        try write { db in
            var deleted: [HistoryRecord] = []
            if let finishedBefore {
                deleted += try Self.deleteFinished(db, where: "finished_at < ?", arguments: [finishedBefore])
            }
            if let maxItems, let lastDropped = try Self.lastEntryBeyond(max(maxItems, 0), slack: max(slack, 0), in: db) {
                deleted += try Self.deleteFinished(db, where: "finish_seq <= ?", arguments: [lastDropped])
            }
            return deleted
        }
    }

    /// The `finish_seq` of the newest entry that falls outside the newest `kept`, or nil when there are at most
    /// `kept + slack`. The span of sequence numbers bounds the count from above, so the exact (linear) count is
    /// needed only when the span is larger than allowed.
    private static func lastEntryBeyond(_ kept: Int, slack: Int, in db: Database) throws -> Int64? {
        let oldestQuery = try db.cachedStatement(sql: "SELECT finish_seq FROM jobs WHERE state = 'finished' ORDER BY finish_seq LIMIT 1")
        let newestQuery = try db.cachedStatement(sql: "SELECT finish_seq FROM jobs WHERE state = 'finished' ORDER BY finish_seq DESC LIMIT 1")
        guard let oldest = try Int64.fetchOne(oldestQuery), let newest = try Int64.fetchOne(newestQuery),
            newest - oldest + 1 > Int64(kept + slack)
        else { return nil }
        let boundary = try db.cachedStatement(
            sql: "SELECT finish_seq FROM jobs WHERE state = 'finished' ORDER BY finish_seq DESC LIMIT 1 OFFSET ?")
        return try Int64.fetchOne(boundary, arguments: [kept])
    }

    /// Deletes finished entries matching `condition`, returning them oldest first.
    private static func deleteFinished(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [HistoryRecord] {
        let select = try db.cachedStatement(
            sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'finished' AND \(condition) ORDER BY finish_seq")
        let deleted = try StoredJob.fetchAll(select, arguments: arguments).compactMap(\.history)
        try db.cachedStatement(sql: "DELETE FROM jobs WHERE state = 'finished' AND \(condition)").execute(arguments: arguments)
        return deleted
    }
}
