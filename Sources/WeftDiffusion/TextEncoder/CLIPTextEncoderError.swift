/// Token ids a CLIP text model cannot encode. (Problems with the weights are `ModelWeightsError`s.)
public enum CLIPTextEncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Token `id`, at `position` of window `window`, is not in the model's vocabulary of `vocabularySize` tokens.
    case tokenOutOfRange(id: Int, window: Int, position: Int, vocabularySize: Int)
    /// The windows cannot be encoded as one batch; the text says why (none, empty, of different lengths, or longer
    /// than the model's position table).
    case invalidWindows(String)

    /// One line naming the problem, e.g. `CLIP text encoder: token 49408 (window 0, position 3) is outside the
    /// vocabulary of 49408 tokens`.
    public var description: String {
        switch self {
        case .tokenOutOfRange(let id, let window, let position, let vocabularySize):
            "CLIP text encoder: token \(id) (window \(window), position \(position)) is outside the vocabulary of \(vocabularySize) tokens"
        case .invalidWindows(let reason):
            "CLIP text encoder: \(reason)"
        }
    }
}
