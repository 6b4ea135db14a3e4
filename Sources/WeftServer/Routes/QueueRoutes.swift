import HTTPTypes
import Hummingbird
import OrderedCollections
import WeftCore
import WeftStore

/// `GET /queue`, `POST /queue` (`clear`, `delete`, and Weft's `pause`/`resume`).
struct QueueRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("queue") { _, context in
            let user = context.user
            let running = try services.store.running(user: user).map(QueueJSON.queueItem)
            let pending = try services.store.pending(user: user).map(QueueJSON.queueItem)
            return Response.json([
                "queue_running": .array(running), "queue_pending": .array(pending), "paused": .bool(services.queue.isPaused),
            ])
        }
        router.post("queue") { request, context in
            try ContentTypeCheck.requireJSON(request)
            let body = try await request.jsonBody(limit: services.bodyLimit) ?? [:]
            guard body.objectValue != nil else {
                throw APIError.badRequest("invalid_body", "POST /queue takes a JSON object.", details: body.typeName)
            }
            if body["clear"] == .bool(true) {
                _ = try services.queue.clearPending(user: context.user)
            }
            if let delete = body["delete"] {
                _ = try services.queue.deletePending(try RequestFields.stringList(delete, field: "delete"), user: context.user)
            }
            if body["pause"] == .bool(true) { try services.queue.setPaused(true) }
            if body["resume"] == .bool(true) { try services.queue.setPaused(false) }
            return Response.emptyOK
        }
    }
}
