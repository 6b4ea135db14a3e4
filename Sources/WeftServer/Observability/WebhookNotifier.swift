import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import OrderedCollections
import WeftCore
import WeftStore

/// POSTs a JSON summary of each finished prompt to a webhook: the prompt's `extra_data.webhook` URL, else the
/// server's `--webhook`. Deliveries run in the background and retry with doubling back-off on connection errors,
/// 429 and 5xx; a 2xx ends them, any other status gives up at once (the receiver refused it).
struct WebhookNotifier: Sendable {
    let defaultURL: String?
    let attempts: Int
    let initialBackoff: Double
    let logger: Logger

    /// The `extra_data` key naming a per-prompt webhook.
    static let extraDataKey = "webhook"

    func notify(_ record: HistoryRecord) {
        guard let url = Self.target(for: record.prompt) ?? defaultURL else { return }
        let body = Self.summary(record).serialized()
        let promptID = record.prompt.promptID
        Task.detached { [self] in
            await deliver(body, to: url, promptID: promptID)
        }
    }

    /// The per-prompt webhook, when the prompt names an http(s) URL.
    static func target(for prompt: QueuedPrompt) -> String? {
        guard let url = prompt.extraData[extraDataKey]?.stringValue, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return nil
        }
        return url
    }

    /// What the webhook receives.
    static func summary(_ record: HistoryRecord) -> JSONValue {
        var summary: OrderedDictionary<String, JSONValue> = [
            "event": "prompt.finished",
            "prompt_id": .string(record.prompt.promptID),
            "status": .string(record.jobStatus.rawValue),
            "status_str": .string(record.statusString),
            "completed": .bool(record.completed),
            "outputs": record.outputs,
            "created_at": .integer(Int128(record.prompt.createdAt)),
            "started_at": record.startedAt.map { .integer(Int128($0)) } ?? .null,
            "finished_at": .integer(Int128(record.finishedAt)),
        ]
        if let failure = record.failureMessage {
            summary["error"] = failure
        }
        return .object(summary)
    }

    private func deliver(_ body: String, to url: String, promptID: String) async {
        var delay = initialBackoff
        for attempt in 1...max(1, attempts) {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "weft")
            request.body = .bytes(ByteBuffer(string: body))
            let outcome: String
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 64 * 1024)
                let code = Int(response.status.code)
                if (200..<300).contains(code) { return }
                outcome = "HTTP \(code)"
                if code != 429 && code < 500 {
                    logger.warning("webhook refused", metadata: ["prompt_id": .string(promptID), "status": .string(outcome)])
                    return
                }
            } catch {
                outcome = "\(error)"
            }
            logger.warning(
                "webhook delivery failed",
                metadata: ["prompt_id": .string(promptID), "attempt": .stringConvertible(attempt), "error": .string(outcome)])
            guard attempt < attempts else { break }
            try? await Task.sleep(for: .seconds(delay))
            delay *= 2
        }
        logger.error("webhook gave up", metadata: ["prompt_id": .string(promptID)])
    }
}
