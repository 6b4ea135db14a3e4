import GRDB

/// The database schema of the job store, as GRDB migrations.
enum StoreSchema {
    /// The migrations in order; each one runs once per database file.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per prompt for its whole life. The prompt columns are written once at insert;
            // the result columns once when it finishes. `claim_seq` orders running prompts by start,
            // `finish_seq` orders history by finish.
            try db.execute(
                sql: """
                    CREATE TABLE jobs (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        prompt_id TEXT NOT NULL UNIQUE,
                        user TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'finished')),
                        number REAL NOT NULL,
                        client_id TEXT,
                        prompt TEXT NOT NULL,
                        extra_data TEXT NOT NULL,
                        outputs_to_execute TEXT NOT NULL,
                        workflow_id TEXT,
                        created_at INTEGER NOT NULL,
                        started_at INTEGER,
                        claim_seq INTEGER,
                        finished_at INTEGER,
                        finish_seq INTEGER,
                        status_str TEXT,
                        completed INTEGER,
                        outputs TEXT,
                        messages TEXT,
                        meta TEXT
                    );
                    CREATE INDEX jobs_queue_order ON jobs (state, number, seq);
                    CREATE INDEX jobs_history_order ON jobs (state, finish_seq);
                    CREATE INDEX jobs_user_history ON jobs (user, state, finish_seq);
                    CREATE INDEX jobs_created ON jobs (created_at, seq);
                    CREATE TABLE settings (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2") { db in
            // History pruned by age finds its rows without scanning every finished prompt.
            try db.execute(sql: "CREATE INDEX jobs_finished_at ON jobs (state, finished_at)")
        }
        return migrator
    }
}
