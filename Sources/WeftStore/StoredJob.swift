import GRDB
import WeftCore

/// One `jobs` row read back into the public record types.
struct StoredJob {
    /// The columns every job query selects, in the order ``init(row:)`` reads them.
    static let columns = """
        prompt_id, user, state, number, client_id, prompt, extra_data, outputs_to_execute, created_at, \
        started_at, finished_at, status_str, completed, outputs, messages, meta
        """
    /// How many columns ``columns`` names; a query may select more after them.
    static let columnCount = 16

    /// The prompt as queued.
    var prompt: QueuedPrompt
    /// The raw `state` column: pending, running or finished.
    var state: String
    /// When the prompt began running, in milliseconds.
    var startedAt: Int64?
    /// The results, present when the state is finished.
    var history: HistoryRecord?

    /// Decodes a row selected with ``columns``; unreadable values become ``JobStoreError/corruptRow(promptID:column:reason:)``.
    init(row: Row) throws(JobStoreError) {
        let reader = ColumnReader(row: row, promptID: try ColumnReader.promptID(of: row))
        prompt = QueuedPrompt(
            promptID: reader.promptID,
            number: try reader.value(Double.self, at: 3, column: "number"),
            user: try reader.value(String.self, at: 1, column: "user"),
            clientID: try reader.value(String?.self, at: 4, column: "client_id"),
            prompt: try reader.json(at: 5, column: "prompt"),
            extraData: try reader.json(at: 6, column: "extra_data"),
            outputsToExecute: try reader.stringArray(at: 7, column: "outputs_to_execute"),
            createdAt: try reader.value(Int64.self, at: 8, column: "created_at")
        )
        state = try reader.value(String.self, at: 2, column: "state")
        startedAt = try reader.value(Int64?.self, at: 9, column: "started_at")
        guard state == "finished" else {
            history = nil
            return
        }
        history = HistoryRecord(
            prompt: prompt,
            outputs: try reader.json(at: 13, column: "outputs"),
            statusString: try reader.value(String.self, at: 11, column: "status_str"),
            completed: try reader.value(Bool.self, at: 12, column: "completed"),
            messages: try reader.json(at: 14, column: "messages"),
            meta: try reader.json(at: 15, column: "meta"),
            startedAt: startedAt,
            finishedAt: try reader.value(Int64.self, at: 10, column: "finished_at")
        )
    }

    /// The job as the jobs API reports it.
    var job: JobRecord {
        let status: JobStatus =
            switch state {
            case "pending": .pending
            case "running": .inProgress
            default: history?.statusString == "success" ? .completed : .failed
            }
        return JobRecord(prompt: prompt, status: status, history: history, startedAt: startedAt)
    }

    /// Runs a prepared query and decodes every row it returns.
    static func fetchAll(_ statement: Statement, arguments: StatementArguments = []) throws -> [StoredJob] {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var jobs: [StoredJob] = []
        while let row = try rows.next() {
            jobs.append(try StoredJob(row: row))
        }
        return jobs
    }

    /// Runs a prepared query and decodes its first row, if any.
    static func fetchOne(_ statement: Statement, arguments: StatementArguments = []) throws -> StoredJob? {
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { return nil }
        return try StoredJob(row: row)
    }
}
