import GRDB
import WeftCore

extension JobStore {
    /// At startup: settles every prompt a previous process left running. Returns the affected ids in start order.
    ///
    /// With `requeue` each goes back to pending at its old place in the queue. Otherwise each becomes an error
    /// history entry whose only message is an `execution_error` of type `WeftServerRestart` carrying `message`.
    public func recoverInterrupted(requeue: Bool, message: String, now: Int64) throws(JobStoreError) -> [String] {
        try write { db in
            if requeue {
                let select = try db.cachedStatement(sql: "SELECT prompt_id FROM jobs WHERE state = 'running' ORDER BY claim_seq")
                let interrupted = try String.fetchAll(select)
                let reset = try db.cachedStatement(
                    sql: "UPDATE jobs SET state = 'pending', started_at = NULL, claim_seq = NULL WHERE state = 'running'"
                )
                try reset.execute()
                return interrupted
            }
            let select = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs WHERE state = 'running' ORDER BY claim_seq"
            )
            let interrupted = try StoredJob.fetchAll(select)
            for job in interrupted {
                try JobRowWriter.finish(Self.restartFailure(of: job, message: message, now: now), in: db)
            }
            return interrupted.map(\.prompt.promptID)
        }
    }

    /// The error history entry of a prompt that a server restart interrupted.
    private static func restartFailure(of job: StoredJob, message: String, now: Int64) -> HistoryRecord {
        let error: JSONValue = [
            "prompt_id": .string(job.prompt.promptID),
            "node_id": nil,
            "node_type": nil,
            "executed": [],
            "exception_message": .string(message),
            "exception_type": "WeftServerRestart",
            "traceback": [],
            "current_inputs": [:],
            "current_outputs": [],
            "timestamp": .integer(Int128(now)),
        ]
        return HistoryRecord(
            prompt: job.prompt,
            outputs: [:],
            statusString: "error",
            completed: false,
            messages: [["execution_error", error]],
            meta: [:],
            startedAt: job.startedAt,
            finishedAt: now
        )
    }
}
