/// How far a streamed chat answer has got.
public struct ChatProgress: Sendable, Equatable {
    /// The answer's text so far.
    public var text: String
    /// How many content pieces have arrived; services send about one token per piece.
    public var chunks: Int

    /// Creates a progress report.
    public init(text: String, chunks: Int) {
        self.text = text
        self.chunks = chunks
    }
}
