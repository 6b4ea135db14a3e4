import HummingbirdWSClient
import Logging
import WeftCore

/// One benchmark client: its own WebSocket session (`/ws?clientId=`), on which it waits for each prompt it submits
/// to succeed before it submits the next.
struct PromptClient: Sendable {
    let id: String
    let api: WeftAPI

    /// Submits one prompt per string in `values`, one at a time; throws if any prompt fails or the socket closes.
    func run(values: [String]) async throws -> [PromptSample] {
        let log = SampleLog()
        var logger = Logger(label: "weft-bench-server.websocket")
        logger.logLevel = .warning
        try await WebSocketClient.connect(url: "ws://127.0.0.1:\(api.port)/ws?clientId=\(id)", logger: logger) { inbound, _, _ in
            var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
            // The greeting `status` means the session is registered, so no event of the first prompt can be missed.
            _ = try await Self.nextText(&messages)
            for value in values {
                let submitted = ContinuousClock.now
                let promptID = try await api.submit(BenchmarkWorkflow.request(value: value, clientID: id))
                let accepted = ContinuousClock.now
                try await Self.waitForSuccess(of: promptID, in: &messages)
                log.append(PromptSample(promptID: promptID, submitted: submitted, accepted: accepted, succeeded: .now))
            }
        }
        return log.all
    }

    /// Reads messages until the prompt's `execution_success`; its `execution_error` or `execution_interrupted`
    /// throws. Messages read while the prompt's POST was in flight were buffered by the socket, so none is lost.
    private static func waitForSuccess(of promptID: String, in messages: inout WebSocketInboundMessageStream.AsyncIterator) async throws {
        while true {
            let text = try await nextText(&messages)
            let message = try JSONParser().parse(text)
            guard message["data"]?["prompt_id"]?.stringValue == promptID else { continue }
            switch message["type"]?.stringValue {
            case "execution_success": return
            case "execution_error", "execution_interrupted": throw BenchmarkFailure("prompt \(promptID) did not succeed: \(text)")
            default: continue
            }
        }
    }

    /// The next text message; binary frames are skipped, and a closed socket throws.
    private static func nextText(_ messages: inout WebSocketInboundMessageStream.AsyncIterator) async throws -> String {
        while let message = try await messages.next() {
            if case .text(let text) = message { return text }
        }
        throw BenchmarkFailure("the server closed the WebSocket")
    }
}
