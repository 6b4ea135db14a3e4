import Hummingbird
import OrderedCollections
import WeftCore
import WeftStore

/// `POST /interrupt` (everything of this user, or one `prompt_id`) and `POST /free` (`free_memory` empties the
/// output cache).
struct ControlRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.post("interrupt") { request, context in
            // ComfyUI treats a missing or unreadable body as "interrupt everything"; so does Weft.
            let body = try? await request.jsonBody(limit: services.bodyLimit)
            let promptID = (body ?? nil)?["prompt_id"]?.stringValue
            services.queue.interrupt(promptID: promptID, user: context.user)
            return Response.emptyOK
        }
        router.post("free") { request, _ in
            try ContentTypeCheck.requireJSON(request)
            let body = try await request.jsonBody(limit: services.bodyLimit) ?? [:]
            if body["free_memory"] == .bool(true) || body["unload_models"] == .bool(true) {
                services.executor.cache.removeAll()
            }
            return Response.emptyOK
        }
    }
}
