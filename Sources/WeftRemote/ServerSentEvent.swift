/// One event of a `text/event-stream` response.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field; nil when the event had none (a plain message).
    public var event: String?
    /// The `data:` lines, joined with newlines.
    public var data: String

    /// Creates an event.
    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }
}
