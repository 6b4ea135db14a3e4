/// The tokenizer's data could not be loaded.
public enum CLIPTokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `vocab.json` or `merges.txt` is missing or malformed.
    case badVocabulary(String)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .badVocabulary(let reason): "CLIP tokenizer: \(reason)"
        }
    }
}
