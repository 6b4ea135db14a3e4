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
    public func pruneHistory(maxItems: Int?, finishedBefore: Int64?) throws(JobStoreError) -> [HistoryRecord] {
        try write { db in
            // Every entry at or before the newest one beyond the kept count goes; NULL bounds match nothing.
            var lastDropped: Int64?
            if let maxItems {
                let boundary = try db.cachedStatement(
                    sql: "SELECT finish_seq FROM jobs WHERE state = 'finished' ORDER BY finish_seq DESC LIMIT 1 OFFSET ?"
                )
                lastDropped = try Int64.fetchOne(boundary, arguments: [max(maxItems, 0)])
            }
            let condition = "state = 'finished' AND (finish_seq <= ? OR finished_at < ?)"
            let arguments: StatementArguments = [lastDropped, finishedBefore]
            let select = try db.cachedStatement(sql: "SELECT \(StoredJob.columns) FROM jobs WHERE \(condition) ORDER BY finish_seq")
            let deleted = try StoredJob.fetchAll(select, arguments: arguments).compactMap(\.history)
            try db.cachedStatement(sql: "DELETE FROM jobs WHERE \(condition)").execute(arguments: arguments)
            return deleted
        }
    }
}
