import Synchronization
import WeftCore

/// Collects the pieces of a streamed chat completion (`data: {"choices":[{"delta":{"content":…}}]}` events up
/// to `data: [DONE]`) and reports progress after each.
final class ChatStreamAccumulator: Sendable {
    private struct State {
        var text = ""
        var chunks = 0
        var events = 0
        var done = false
    }

    private let state = Mutex(State())
    private let progress: @Sendable (ChatProgress) -> Void

    /// An accumulator reporting to `progress`.
    init(progress: @escaping @Sendable (ChatProgress) -> Void) {
        self.progress = progress
    }

    /// Whether any event has arrived, after which a failure can no longer be retried without repeating progress.
    var hasStarted: Bool { state.withLock { $0.events > 0 } }

    /// Takes in one event; `mapError` turns an error object in the stream into the error to throw.
    func receive(_ event: ServerSentEvent, mapError: (OpenAIErrorBody) -> RemoteServiceError) throws(RemoteServiceError) {
        state.withLock { $0.events += 1 }
        if event.data == "[DONE]" {
            state.withLock { $0.done = true }
            return
        }
        let chunk: JSONValue
        do {
            chunk = try JSONParser().parse(event.data)
        } catch {
            throw .malformedResponse("a stream event is not JSON (\(error))")
        }
        if let error = OpenAIErrorBody(chunk) { throw mapError(error) }
        guard let choice = chunk["choices"]?.arrayValue?.first else {
            // Chunks without choices (a final usage report, for instance) carry no text.
            return
        }
        if choice["finish_reason"]?.stringValue == "content_filter" {
            throw .contentFiltered(message: "finish_reason is content_filter")
        }
        guard let piece = choice["delta"]?["content"]?.stringValue, !piece.isEmpty else { return }
        let report = state.withLock { state -> ChatProgress in
            state.text += piece
            state.chunks += 1
            return ChatProgress(text: state.text, chunks: state.chunks)
        }
        progress(report)
    }

    /// The whole text, once the stream has ended with `data: [DONE]`.
    func result() throws(RemoteServiceError) -> String {
        let final = state.withLock { $0 }
        guard final.done else { throw .streamInterrupted("the stream ended without data: [DONE]") }
        return final.text
    }
}
