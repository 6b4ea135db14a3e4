import WeftTensor

/// The UNet's attention stage (ComfyUI's `SpatialTransformer`): a group norm, a projection of every pixel to a token,
/// a stack of transformer blocks attending to the text context, and a projection back, added to the input.
struct SpatialTransformer: Sendable {
    /// `norm`, `proj_in`, `transformer_blocks` and `proj_out`.
    let norm: GroupNormLayer
    let projectIn: ChannelProjection
    let blocks: [TransformerBlock]
    let projectOut: ChannelProjection

    /// Reads a transformer of `depth` blocks over `channels` channels under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor, or the first query projection
    ///   when `channels` do not split into the configured heads.
    init(_ weights: ModelWeights, channels: Int, depth: Int, config: UNetConfig) throws(ModelWeightsError) {
        guard let (heads, _) = config.attentionHeads.split(channels: channels) else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "transformer_blocks.0.attn1.to_q.weight",
                message: "\(channels) channels do not split into \(config.attentionHeads)")
        }
        guard let contextWidth = config.contextWidth else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "transformer_blocks.0.attn2.to_k.weight",
                message: "the configuration has no context width for this transformer")
        }
        norm = try GroupNormLayer(
            weights.scoped("norm."), channels: channels, groups: config.normGroups, epsilon: config.transformerNormEpsilon)
        projectIn = try ChannelProjection(
            weights.scoped("proj_in."), inChannels: channels, outChannels: channels, linear: config.linearProjection)
        var blocks: [TransformerBlock] = []
        for index in 0..<depth {
            blocks.append(
                try TransformerBlock(
                    weights.scoped("transformer_blocks.\(index)."), channels: channels, heads: heads, contextWidth: contextWidth,
                    config: config))
        }
        self.blocks = blocks
        projectOut = try ChannelProjection(
            weights.scoped("proj_out."), inChannels: channels, outChannels: channels, linear: config.linearProjection)
    }

    /// The stage applied to `x` (`[B, C, H, W]`) with `context` (`[B, S, contextWidth]`).
    func callAsFunction(_ x: Tensor, context: Tensor) throws(TensorError) -> Tensor {
        let flat = [x.shape[0], x.shape[1], x.shape[2] * x.shape[3]]
        var tokens = try projectIn.tokens(fromChannelsFirst: norm(x).reshaped(flat))
        for block in blocks {
            tokens = try block(tokens, context: context)
        }
        var result = try projectOut.channelsFirst(fromTokens: tokens)
        try result += x.reshaped(flat)
        return try result.reshaped(x.shape)
    }
}
