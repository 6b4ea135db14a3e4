/// One scripted answer of the mock OpenAI-compatible server.
package indirect enum MockReply: Sendable {
    /// A normal JSON completion.
    case completion(String, finishReason: String = "stop")
    /// A server-sent-event stream of content pieces, ended by `data: [DONE]`, each piece flushed on its own.
    case stream([String], finishReason: String = "stop")
    /// A server-sent-event stream that sends the pieces, then falls silent for `stall` before ending.
    case stalledStream([String], stall: Duration)
    /// An OpenAI-shaped error object with a status, optional code and optional `Retry-After`.
    case error(status: Int, code: String?, message: String, retryAfter: String? = nil)
    /// Any status, content type and body.
    case raw(status: Int, contentType: String, body: String)
    /// A JSON body of `bytes` bytes.
    case huge(bytes: Int)
    /// An images answer (`{"data": [...]}`), each image inline as `b64_json` or as a `url`.
    case images([MockImage])
    /// Waits, then answers.
    case delayed(Duration, MockReply)
}

/// One image of a mock images answer.
package enum MockImage: Sendable {
    /// Sent inline as `b64_json`.
    case inline([UInt8])
    /// Sent as a `url` to download.
    case link(String)
}
