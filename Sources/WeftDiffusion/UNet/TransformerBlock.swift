import WeftTensor

/// One block of a spatial transformer (ComfyUI's `BasicTransformerBlock`): self-attention, cross-attention on the
/// context and a gated feed-forward network, each after a layer norm and added back to the tokens.
struct TransformerBlock: Sendable {
    /// `norm1` and `attn1`.
    let selfAttentionNorm: LayerNormLayer
    let selfAttention: AttentionLayer
    /// `norm2` and `attn2`.
    let crossAttentionNorm: LayerNormLayer
    let crossAttention: AttentionLayer
    /// `norm3` and `ff`.
    let feedForwardNorm: LayerNormLayer
    let feedForward: GatedFeedForward

    /// Reads the block under `weights`' scope for `channels`-wide tokens split into `heads` heads, attending to a
    /// `contextWidth`-wide context.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int, heads: Int, contextWidth: Int, config: UNetConfig) throws(ModelWeightsError) {
        func norm(_ name: String) throws(ModelWeightsError) -> LayerNormLayer {
            try LayerNormLayer(weights.scoped(name), features: channels, epsilon: config.layerNormEpsilon)
        }
        selfAttentionNorm = try norm("norm1.")
        selfAttention = try AttentionLayer(weights.scoped("attn1."), channels: channels, sourceWidth: channels, heads: heads)
        crossAttentionNorm = try norm("norm2.")
        crossAttention = try AttentionLayer(weights.scoped("attn2."), channels: channels, sourceWidth: contextWidth, heads: heads)
        feedForwardNorm = try norm("norm3.")
        feedForward = try GatedFeedForward(weights.scoped("ff."), channels: channels)
    }

    /// The block applied to the tokens `x` (`[B, L, channels]`) with `context` (`[B, S, contextWidth]`).
    func callAsFunction(_ x: Tensor, context: Tensor) throws(TensorError) -> Tensor {
        var tokens = x
        try tokens += selfAttention(selfAttentionNorm(tokens))
        try tokens += crossAttention(crossAttentionNorm(tokens), source: context)
        try tokens += feedForward(feedForwardNorm(tokens))
        return tokens
    }
}
