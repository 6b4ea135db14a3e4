import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OrderedCollections
import WeftCore
import WeftStore

/// `GET /history` (paged), `GET /history/{id}`, and `POST /history` (`clear`, `delete`, and Weft's
/// `delete_outputs: true`, which also deletes the files the entries list).
struct HistoryRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("history") { request, context in
            let maxItems = try RequestFields.integer(request, "max_items")
            let offset = try RequestFields.integer(request, "offset", allowNegative: true)
            let records = try services.store.history(user: context.user, maxItems: maxItems, offset: offset)
            return Response.json(QueueJSON.history(records))
        }
        router.get("history/:prompt_id") { _, context in
            let id = try context.parameters.require("prompt_id")
            guard let record = try services.store.historyEntry(id, user: context.user) else { return Response.json([:]) }
            return Response.json(QueueJSON.history([record]))
        }
        router.post("history") { request, context in
            try ContentTypeCheck.requireJSON(request)
            let body = try await request.jsonBody(limit: services.bodyLimit) ?? [:]
            guard body.objectValue != nil else {
                throw APIError.badRequest("invalid_body", "POST /history takes a JSON object.", details: body.typeName)
            }
            var removed: [HistoryRecord] = []
            if body["clear"] == .bool(true) {
                removed += try services.store.clearHistory(user: context.user)
            }
            if let delete = body["delete"] {
                removed += try services.store.deleteHistory(try RequestFields.stringList(delete, field: "delete"), user: context.user)
            }
            if body["delete_outputs"] == .bool(true) {
                OutputFileRemover(services: services, logger: context.logger).remove(filesOf: removed)
            }
            return Response.emptyOK
        }
    }
}
