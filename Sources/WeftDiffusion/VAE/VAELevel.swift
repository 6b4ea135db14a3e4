import WeftTensor

/// The residual blocks of one resolution level, each followed by self-attention when the level has it.
struct VAELevel: Sendable {
    /// The blocks in order; the first maps the level's input width to its own.
    let blocks: [VAEResnetBlock]
    /// One attention block after each residual block, or none.
    let attentions: [VAEAttentionBlock]

    /// Reads `count` blocks under `weights`' `block.N.` and, when `attention`, `attn.N.` scopes.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(
        _ weights: ModelWeights, count: Int, inChannels: Int, outChannels: Int, attention: Bool, config: VAEConfig
    ) throws(ModelWeightsError) {
        var blocks: [VAEResnetBlock] = []
        var attentions: [VAEAttentionBlock] = []
        for index in 0..<count {
            blocks.append(
                try VAEResnetBlock(
                    weights.scoped("block.\(index)."), inChannels: index == 0 ? inChannels : outChannels, outChannels: outChannels,
                    config: config))
            if attention {
                attentions.append(try VAEAttentionBlock(weights.scoped("attn.\(index)."), channels: outChannels, config: config))
            }
        }
        self.blocks = blocks
        self.attentions = attentions
    }

    /// The level applied to `x`.
    func callAsFunction(_ x: consuming Tensor) throws(TensorError) -> Tensor {
        var h = consume x
        for (index, block) in blocks.enumerated() {
            h = try block(consume h)
            if index < attentions.count {
                h = try attentions[index](h)
            }
        }
        return h
    }
}

/// The middle of the encoder and of the decoder: a residual block, self-attention (when the model has it) and a
/// second residual block, all at the coarsest width.
struct VAEMiddle: Sendable {
    /// The first residual block.
    let first: VAEResnetBlock
    /// The attention block between them, or nil.
    let attention: VAEAttentionBlock?
    /// The second residual block.
    let second: VAEResnetBlock

    /// Reads `block_1.`, `attn_1.` and `block_2.` under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int, config: VAEConfig) throws(ModelWeightsError) {
        first = try VAEResnetBlock(weights.scoped("block_1."), inChannels: channels, outChannels: channels, config: config)
        attention = config.middleAttention ? try VAEAttentionBlock(weights.scoped("attn_1."), channels: channels, config: config) : nil
        second = try VAEResnetBlock(weights.scoped("block_2."), inChannels: channels, outChannels: channels, config: config)
    }

    /// The middle applied to `x`.
    func callAsFunction(_ x: consuming Tensor) throws(TensorError) -> Tensor {
        var h = try first(consume x)
        if let attention {
            h = try attention(h)
        }
        return try second(consume h)
    }
}
