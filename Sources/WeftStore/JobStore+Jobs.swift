import GRDB

extension JobStore {
    /// Jobs in every state matching the query, with the total count before limit and offset.
    ///
    /// Sorts by creation time or by execution duration (finish minus start; jobs without one sort last),
    /// ties in submission order. Filtering, sorting and paging happen in SQL.
    public func jobs(_ query: JobQuery) throws(JobStoreError) -> JobPage {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let statuses = JobStatus.allCases.filter(query.statuses.contains)
        if !query.statuses.isEmpty, statuses.count < JobStatus.allCases.count {
            conditions.append("(" + statuses.map(Self.condition(for:)).joined(separator: " OR ") + ")")
        }
        if let user = query.user {
            conditions.append("user = ?")
            arguments += [user]
        }
        if let workflowID = query.workflowID {
            conditions.append("workflow_id = ?")
            arguments += [workflowID]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let direction = query.ascending ? "ASC" : "DESC"
        let order =
            switch query.sortBy {
            case .createdAt: "created_at \(direction), seq \(direction)"
            case .executionDuration:
                "(finished_at - started_at) IS NULL, (finished_at - started_at) \(direction), created_at \(direction), seq \(direction)"
            }
        let page: StatementArguments = [query.limit.map { max($0, 0) } ?? -1, max(query.offset, 0)]
        return try read { db in
            let count = try db.cachedStatement(sql: "SELECT COUNT(*) FROM jobs \(whereClause)")
            let total = try Int.fetchOne(count, arguments: arguments) ?? 0
            let select = try db.cachedStatement(
                sql: "SELECT \(StoredJob.columns) FROM jobs \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?"
            )
            let jobs = try StoredJob.fetchAll(select, arguments: arguments + page).map(\.job)
            return JobPage(jobs: jobs, total: total)
        }
    }

    /// The SQL condition selecting jobs of one status.
    private static func condition(for status: JobStatus) -> String {
        switch status {
        case .pending: "state = 'pending'"
        case .inProgress: "state = 'running'"
        case .completed: "(state = 'finished' AND status_str = 'success')"
        case .failed: "(state = 'finished' AND status_str IS NOT 'success')"
        }
    }
}
