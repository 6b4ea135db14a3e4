import WeftTensor

/// ComfyUI's prompt weighting (`ClipTokenWeightEncoder.encode_token_weights`): each token of weight `w` moves away
/// from the empty prompt's encoding at the same position, `(z − empty)·w + empty`.
///
/// `encoded` is `[windows, length, width]`, `emptyPrompt` is `[1, length, width]` and `weights` holds one weight per
/// token, window by window. Computed as `z + (z − empty)·(w − 1)`, which leaves tokens of weight 1 exactly as they
/// were, as ComfyUI does by skipping them.
/// - Throws: `TensorError` when the weights do not match `encoded`'s windows and length or `emptyPrompt` does not
///   broadcast to `encoded`.
func weightedTokens(_ encoded: Tensor, emptyPrompt: Tensor, weights: [[Double]]) throws(TensorError) -> Tensor {
    let factors = try Tensor(
        shape: [weights.count, weights.first?.count ?? 0, 1], values: weights.flatMap { $0.map { Float($0) - 1 } })
    var shift = try encoded - emptyPrompt
    try shift *= factors
    var weighted = encoded
    try weighted += shift
    return weighted
}
