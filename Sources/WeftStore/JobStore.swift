import GRDB

/// The durable queue and history of one Weft server: prompts, their states and results, plus small settings.
///
/// Every prompt is one row that moves from pending to running to finished. Each mutating call is one
/// transaction committed before it returns, so a killed process loses no accepted prompt.
public final class JobStore: Sendable {
    /// The connection (a WAL-mode pool for files, a queue in memory) every call goes through.
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database file at `path` in WAL mode and migrates it.
    ///
    /// The file's directory must exist.
    public init(path: String) throws(JobStoreError) {
        do {
            writer = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw JobStoreError(wrapping: error)
        }
        try migrate()
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws(JobStoreError) -> JobStore {
        do {
            return try JobStore(writer: DatabaseQueue(configuration: configuration))
        } catch {
            throw JobStoreError(wrapping: error)
        }
    }

    private init(writer: any DatabaseWriter) throws(JobStoreError) {
        self.writer = writer
        try migrate()
    }

    /// Connection settings: no foreign keys, and waits instead of failing while another process writes.
    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        configuration.busyMode = .timeout(10)
        configuration.label = "WeftStore"
        return configuration
    }

    private func migrate() throws(JobStoreError) {
        do {
            try StoreSchema.migrator.migrate(writer)
        } catch {
            throw JobStoreError(wrapping: error)
        }
    }

    /// Runs `body` in one write transaction, committed before this returns.
    func write<T>(_ body: (Database) throws -> T) throws(JobStoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw JobStoreError(wrapping: error)
        }
    }

    /// Runs `body` on a consistent snapshot of the database.
    func read<T>(_ body: (Database) throws -> T) throws(JobStoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw JobStoreError(wrapping: error)
        }
    }
}
