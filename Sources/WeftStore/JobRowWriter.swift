import GRDB
import WeftCore

/// The SQL writes of a job row that more than one store call makes.
enum JobRowWriter {
    /// Inserts a new pending prompt; a used prompt id fails with ``JobStoreError/duplicatePromptID(_:)``.
    static func insertPending(_ prompt: QueuedPrompt, into db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO jobs (prompt_id, user, state, number, client_id, prompt, extra_data, outputs_to_execute, \
                workflow_id, created_at) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)
                """
        )
        do {
            try statement.execute(arguments: promptArguments(prompt))
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw JobStoreError.duplicatePromptID(prompt.promptID)
        }
    }

    /// Marks a prompt finished with these results, at the end of history; inserts it when its row is gone.
    ///
    /// A nil `startedAt` keeps the start time recorded when the prompt was claimed.
    static func finish(_ record: HistoryRecord, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO jobs (prompt_id, user, state, number, client_id, prompt, extra_data, outputs_to_execute, \
                workflow_id, created_at, started_at, finished_at, status_str, completed, outputs, messages, meta, finish_seq) \
                VALUES (?, ?, 'finished', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
                (SELECT COALESCE(MAX(finish_seq), 0) + 1 FROM jobs WHERE state = 'finished')) \
                ON CONFLICT (prompt_id) DO UPDATE SET state = 'finished', \
                started_at = COALESCE(excluded.started_at, started_at), claim_seq = NULL, \
                finished_at = excluded.finished_at, status_str = excluded.status_str, completed = excluded.completed, \
                outputs = excluded.outputs, messages = excluded.messages, meta = excluded.meta, finish_seq = excluded.finish_seq
                """
        )
        var arguments = promptArguments(record.prompt)
        arguments += [
            record.startedAt, record.finishedAt, record.statusString, record.completed,
            record.outputs.serialized(), record.messages.serialized(), record.meta.serialized(),
        ]
        try statement.execute(arguments: arguments)
    }

    /// The values of the prompt columns, in insert order.
    private static func promptArguments(_ prompt: QueuedPrompt) -> StatementArguments {
        let outputs = JSONValue.array(prompt.outputsToExecute.map { .string($0) })
        return [
            prompt.promptID, prompt.user, prompt.number, prompt.clientID, prompt.prompt.serialized(),
            prompt.extraData.serialized(), outputs.serialized(), prompt.workflowID, prompt.createdAt,
        ]
    }
}
