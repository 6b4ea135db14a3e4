import Foundation

/// The SD1.x CLIP tokenizer exactly as ComfyUI runs it (`SD1Tokenizer.tokenize_with_weights`): a prompt becomes one
/// or more windows of 77 `(token id, weight)` pairs, each `<start>` + up to 75 tokens + `<end>`, padded with `<end>`.
///
/// Each weighted run of the prompt (see the `(text:1.3)` syntax) is encoded as a whole. A run of fewer than 8 tokens
/// that does not fit in the current window moves whole to the next one; a longer run is split at the window's edge.
public struct CLIPTokenizer: Sendable {
    /// `<|startoftext|>`.
    public static let startToken = 49406
    /// `<|endoftext|>`, also the padding.
    public static let endToken = 49407
    /// Tokens per window, start and end included.
    public static let windowLength = 77
    /// Runs this long or longer may be split across windows.
    static let largeRunLength = 8

    private let encoder: CLIPBytePairEncoder

    /// The tokenizer with CLIP ViT-L/14's vocabulary, shipped with Weft (see Resources/clip-tokenizer/NOTICE).
    public init() throws {
        guard let folder = Bundle.module.url(forResource: "clip-tokenizer", withExtension: nil) else {
            throw CLIPTokenizerError.badVocabulary("the clip-tokenizer resources are missing")
        }
        let vocabulary = try Data(contentsOf: folder.appending(path: "vocab.json"))
        let merges = try String(contentsOf: folder.appending(path: "merges.txt"), encoding: .utf8)
        encoder = try CLIPBytePairEncoder(vocabularyJSON: vocabulary, merges: merges)
    }

    /// The windows of `(token id, weight)` pairs for `prompt`.
    public func tokenize(_ prompt: String) throws -> [[(id: Int, weight: Double)]] {
        var runs: [[(id: Int, weight: Double)]] = []
        for segment in PromptWeights.segments(of: prompt) where !segment.text.isEmpty {
            let ids = try CLIPTextPieces.pieces(of: segment.text).flatMap { try encoder.encode($0) }
            runs.append(ids.map { ($0, segment.weight) })
        }
        var windows: [[(id: Int, weight: Double)]] = []
        var window: [(id: Int, weight: Double)] = [(Self.startToken, 1)]
        func closeWindow() {
            window.append((Self.endToken, 1))
            window += Array(repeating: (Self.endToken, 1), count: Self.windowLength - window.count)
            windows.append(window)
            window = [(Self.startToken, 1)]
        }
        for var run in runs {
            let isLarge = run.count >= Self.largeRunLength
            while !run.isEmpty {
                let room = Self.windowLength - 1 - window.count
                if run.count <= room {
                    window += run
                    run = []
                } else {
                    if isLarge {
                        window += run.prefix(room)
                        run.removeFirst(room)
                    }
                    closeWindow()
                }
            }
        }
        closeWindow()
        return windows
    }
}
