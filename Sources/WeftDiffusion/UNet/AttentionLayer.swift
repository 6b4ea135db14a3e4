import WeftTensor

/// Multi-head attention as the UNet's transformer blocks use it (ComfyUI's `CrossAttention`): bias-free query, key and
/// value projections, scaled dot-product attention per head (read in place from the projections' token-major layout),
/// and an output projection with bias. Keys and values come from the context for cross-attention and from the input
/// itself for self-attention.
struct AttentionLayer: Sendable {
    /// `to_q`, `to_k` and `to_v`.
    let query: LinearLayer
    let key: LinearLayer
    let value: LinearLayer
    /// `to_out.0`.
    let output: LinearLayer
    /// The number of heads the projected channels split into.
    let heads: Int

    /// Reads `to_q`, `to_k`, `to_v` and `to_out.0` under `weights`' scope for `channels` channels, attending over
    /// `sourceWidth`-wide keys and values (the context width, or `channels` for self-attention).
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int, sourceWidth: Int, heads: Int) throws(ModelWeightsError) {
        query = try LinearLayer(weights.scoped("to_q."), inFeatures: channels, outFeatures: channels)
        key = try LinearLayer(weights.scoped("to_k."), inFeatures: sourceWidth, outFeatures: channels)
        value = try LinearLayer(weights.scoped("to_v."), inFeatures: sourceWidth, outFeatures: channels)
        output = try LinearLayer(weights.scoped("to_out.0."), inFeatures: channels, outFeatures: channels)
        self.heads = heads
    }

    /// Attention of the tokens `x` (`[B, L, C]`) over `source` (`[B, S, sourceWidth]`; `x` itself when nil).
    func callAsFunction(_ x: Tensor, source: Tensor? = nil) throws(TensorError) -> Tensor {
        let source = source ?? x
        let attended = try multiHeadAttention(
            query: project(x, query), key: project(source, key), value: project(source, value), heads: heads)
        return try output(attended)
    }

    /// `projection` applied to `x`; without a bias (as in every SD checkpoint) as a plain product written straight into
    /// fresh storage, where `linear` would first zero it to accumulate onto.
    private func project(_ x: Tensor, _ projection: LinearLayer) throws(TensorError) -> Tensor {
        guard projection.bias == nil else {
            return try projection(x)
        }
        return try matmul(x, projection.weight, transposeB: true)
    }
}
