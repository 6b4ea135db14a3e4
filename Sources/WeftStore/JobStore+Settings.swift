import GRDB

extension JobStore {
    /// A small persisted string setting (e.g. "queue.paused"); nil when unset.
    public func setting(_ key: String) throws(JobStoreError) -> String? {
        try read { db in try Self.settingValue(key, in: db) }
    }

    /// Stores a setting, or deletes it when `value` is nil.
    public func setSetting(_ key: String, to value: String?) throws(JobStoreError) {
        try write { db in
            if let value {
                try Self.storeSetting(key, value: value, in: db)
            } else {
                try db.cachedStatement(sql: "DELETE FROM settings WHERE key = ?").execute(arguments: [key])
            }
        }
    }

    /// Reads a setting inside an open database access.
    static func settingValue(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = ?"), arguments: [key])
    }

    /// Writes a setting inside an open write transaction.
    static func storeSetting(_ key: String, value: String, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        try statement.execute(arguments: [key, value])
    }
}
