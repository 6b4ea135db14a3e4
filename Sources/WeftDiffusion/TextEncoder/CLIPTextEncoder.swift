public import WeftTensor

/// What ComfyUI's `CLIPTextEncode` node computes with an SD1.x CLIP: a prompt's conditioning and pooled output.
///
/// The prompt is tokenized into windows of 77 `(id, weight)` pairs, every window is encoded by the text model, and
/// the windows' hidden states are joined along the tokens. When any token's weight differs from 1, the empty prompt's
/// window is encoded in the same batch and each weighted token is moved away from it (see `weightedTokens`). The
/// pooled output is the first window's.
public struct CLIPTextEncoder: Sendable {
    /// The text transformer.
    public let model: CLIPTextModel
    /// The tokenizer turning prompts into windows.
    public let tokenizer: CLIPTokenizer

    /// An encoder running `model` on what `tokenizer` makes of a prompt.
    public init(model: CLIPTextModel, tokenizer: CLIPTokenizer) {
        self.model = model
        self.tokenizer = tokenizer
    }

    /// The conditioning `[1, 77 · windows, width]` and pooled output `[1, width]` of `prompt`, with the layer chosen
    /// by `clipSkip` as `CLIPTextModel.layerIndex(clipSkip:)` resolves it (-1 the last, -2 the penultimate).
    /// - Throws: the tokenizer's errors, `CLIPTextEncoderError` or `TensorError`.
    public func encode(prompt: String, clipSkip: Int) throws -> (conditioning: Tensor, pooled: Tensor) {
        try encode(windows: tokenizer.tokenize(prompt), clipSkip: clipSkip)
    }

    /// The conditioning `[1, length · windows, width]` and pooled output `[1, width]` of windows of `(id, weight)`
    /// pairs as `CLIPTokenizer.tokenize(_:)` makes them.
    /// - Throws: `CLIPTextEncoderError` when there are no windows, they differ in length, or an id is outside the
    ///   vocabulary; `TensorError` if an operation refuses its operands.
    public func encode(windows: [[(id: Int, weight: Double)]], clipSkip: Int) throws -> (conditioning: Tensor, pooled: Tensor) {
        let weights = windows.map { $0.map(\.weight) }
        let isWeighted = weights.contains { $0.contains { $0 != 1 } }
        var ids = windows.map { $0.map(\.id) }
        if isWeighted {
            ids.append(Self.emptyPromptWindow(length: ids[0].count))
        }
        let (hiddenStates, pooled) = try model.encode(ids, clipSkip: clipSkip)
        var conditioning = try hiddenStates.narrowed(dimension: 0, start: 0, length: windows.count)
        if isWeighted {
            let emptyPrompt = try hiddenStates.narrowed(dimension: 0, start: windows.count, length: 1)
            conditioning = try weightedTokens(conditioning, emptyPrompt: emptyPrompt, weights: weights)
        }
        return (try conditioning.reshaped([1, -1, model.width]), try pooled.narrowed(dimension: 0, start: 0, length: 1))
    }

    /// The empty prompt's window of `length` ids: start, end, then end as padding (ComfyUI's `gen_empty_tokens`).
    static func emptyPromptWindow(length: Int) -> [Int] {
        [CLIPTokenizer.startToken] + Array(repeating: CLIPTokenizer.endToken, count: max(0, length - 1))
    }
}
