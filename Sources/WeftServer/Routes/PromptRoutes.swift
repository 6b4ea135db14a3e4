import HTTPTypes
import Hummingbird
import OrderedCollections
import WeftCore
import WeftStore

/// `POST /prompt` (submit) and `GET /prompt` (how many remain).
struct PromptRoutes {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("prompt") { _, _ in
            Response.json(["exec_info": ["queue_remaining": .integer(Int128(services.queue.queueRemaining()))]])
        }
        router.post("prompt") { request, context in
            try ContentTypeCheck.requireJSON(request)
            guard let document = try await request.jsonBody(limit: services.bodyLimit), document.objectValue != nil,
                document["prompt"] != nil
            else {
                throw APIError(
                    .badRequest, type: "no_prompt", message: "No prompt provided", details: "No prompt provided", nodeErrors: [:])
            }
            let submission: PromptRequest
            do {
                submission = try WorkflowParser().parseRequest(document)
            } catch {
                throw APIError(.badRequest, type: "invalid_prompt", message: "Invalid prompt", details: "\(error)", nodeErrors: [:])
            }
            if let id = submission.promptID, id.isEmpty || id.utf8.count > 256 {
                throw APIError.badRequest("invalid_prompt_id", "prompt_id must be 1 to 256 characters.", details: "prompt_id")
            }
            let accepted = try services.queue.submit(submission, rawPrompt: document["prompt"] ?? submission.workflow.json, user: context.user)
            return Response.json([
                "prompt_id": .string(accepted.promptID), "number": QueueJSON.number(accepted.number), "node_errors": accepted.nodeErrors,
            ])
        }
    }
}
