import Synchronization

/// One prompt's timings as its client saw them.
struct PromptSample: Sendable {
    let promptID: String
    /// Just before `POST /prompt` was sent.
    let submitted: ContinuousClock.Instant
    /// When the `POST /prompt` answer arrived.
    let accepted: ContinuousClock.Instant
    /// When the client read the prompt's `execution_success` from its WebSocket.
    let succeeded: ContinuousClock.Instant
}

/// Samples recorded inside a WebSocket handler, read once the connection is closed.
final class SampleLog: Sendable {
    private let samples = Mutex<[PromptSample]>([])

    func append(_ sample: PromptSample) {
        samples.withLock { $0.append(sample) }
    }

    var all: [PromptSample] { samples.withLock { $0 } }
}
