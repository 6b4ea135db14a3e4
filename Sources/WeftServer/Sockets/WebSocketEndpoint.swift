import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import OrderedCollections
import WeftCore

/// `/ws?clientId=`: registers the session with the hub, greets it with `status` (and its sid), answers the first
/// `feature_flags` message, and writes the session's outbox until either side closes.
struct WebSocketEndpoint: Sendable {
    let hub: ClientHub
    let queue: PromptQueue
    let features: JSONValue

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.ws("ws") { inbound, outbound, context in
            let requested = context.request.query("clientId").flatMap { $0.isEmpty ? nil : $0 }
            let sid = requested ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let (frames, generation) = hub.connect(sid: sid, user: context.requestContext.user)
            defer { hub.disconnect(sid: sid, generation: generation) }
            hub.send(StatusMessage.make(queueRemaining: queue.queueRemaining(), sid: sid), to: sid)
            queue.resendCurrentNode(toClient: sid)

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await frame in frames {
                        switch frame {
                        case .text(let text): try await outbound.write(.text(text))
                        case .binary(let bytes): try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                        }
                    }
                }
                group.addTask {
                    var answered = false
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard !answered, case .text(let text) = message else { continue }
                        answered = true
                        answerFeatureFlags(text, sid: sid)
                    }
                }
                // Either the client left or a newer connection took over this sid: stop the other half too.
                try await group.next()
                group.cancelAll()
            }
        }
    }

    /// Only the first text message counts; when it is `feature_flags`, the client gets binary previews from now on
    /// (with metadata if it says it supports them) and the server's flags are sent back.
    private func answerFeatureFlags(_ text: String, sid: String) {
        guard let message = try? JSONParser().parse(text), message["type"]?.stringValue == "feature_flags" else { return }
        let withMetadata = message["data"]?["supports_preview_metadata"] == .bool(true)
        hub.setPreviews(withMetadata ? .withMetadata : .plain, sid: sid)
        hub.send(["type": "feature_flags", "data": features], to: sid)
    }
}
