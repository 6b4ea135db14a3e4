import HTTPTypes
import Hummingbird
import OrderedCollections
import WeftCore
import WeftStore

/// The jobs API of newer ComfyUI frontends: `GET /jobs` (filter, sort, page), `GET /jobs/{id}`, and
/// `POST /jobs/{id}/cancel`, which removes a pending job or interrupts a running one.
struct JobRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("jobs") { request, context in
            let query = try jobQuery(request, user: context.user)
            let page = try services.store.jobs(query)
            let limit = query.limit ?? page.jobs.count
            return Response.json([
                "jobs": .array(page.jobs.map { QueueJSON.job($0, full: false) }),
                "pagination": [
                    "offset": .integer(Int128(query.offset)), "limit": .integer(Int128(limit)), "total": .integer(Int128(page.total)),
                    "has_more": .bool(query.offset + page.jobs.count < page.total),
                ],
            ])
        }
        router.get("jobs/:job_id") { _, context in
            let id = try context.parameters.require("job_id")
            guard let job = try services.store.job(id, user: context.user) else {
                throw APIError.notFound("There is no job \(id).", details: id)
            }
            return Response.json(QueueJSON.job(job, full: true))
        }
        router.post("jobs/:job_id/cancel") { _, context in
            let id = try context.parameters.require("job_id")
            guard let job = try services.store.job(id, user: context.user) else {
                throw APIError.notFound("There is no job \(id).", details: id)
            }
            let outcome: String
            switch job.status {
            case .pending:
                outcome = try services.queue.deletePending([id], user: context.user).isEmpty ? "not_cancelled" : "cancelled"
            case .inProgress:
                outcome = services.queue.interrupt(promptID: id, user: context.user).isEmpty ? "not_cancelled" : "interrupting"
            case .completed, .failed:
                throw APIError(.conflict, type: "job_finished", message: "Job \(id) has already finished.", details: id)
            }
            return Response.json(["id": .string(id), "result": .string(outcome)])
        }
    }

    private func jobQuery(_ request: Request, user: String) throws -> JobQuery {
        var query = JobQuery(user: user)
        if let statuses = request.query("status"), !statuses.isEmpty {
            query.statuses = Set(
                try statuses.split(separator: ",").map { name in
                    guard let status = JobStatus(rawValue: String(name)) else {
                        throw APIError.badRequest(
                            "invalid_parameter", "status takes pending, in_progress, completed or failed.", details: String(name))
                    }
                    return status
                })
        }
        if let sort = request.query("sort_by") {
            guard let key = JobSortKey(rawValue: sort) else {
                throw APIError.badRequest("invalid_parameter", "sort_by takes created_at or execution_duration.", details: sort)
            }
            query.sortBy = key
        }
        if let order = request.query("sort_order") {
            guard order == "asc" || order == "desc" else {
                throw APIError.badRequest("invalid_parameter", "sort_order takes asc or desc.", details: order)
            }
            query.ascending = order == "asc"
        }
        query.limit = try RequestFields.integer(request, "limit")
        query.offset = try RequestFields.integer(request, "offset") ?? 0
        query.workflowID = request.query("workflow_id")
        return query
    }
}
