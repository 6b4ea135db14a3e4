extension UNetModel {
    /// The UNet in `weights` (keys without the `model.diffusion_model.` prefix), its structure detected from the
    /// weights (see `UNetConfig.init(detectingFrom:attentionHeads:)`) and its heads split as `attentionHeads` says.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    public init(weights: ModelWeights, attentionHeads: UNetAttentionHeads) throws(ModelWeightsError) {
        try self.init(weights: weights, config: UNetConfig(detectingFrom: weights, attentionHeads: attentionHeads))
    }

    /// The UNet in `weights` built as `config` describes, every tensor's shape checked against it.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor, or (with an empty key) when the
    ///   configuration's lists do not fit together.
    public init(weights: ModelWeights, config: UNetConfig) throws(ModelWeightsError) {
        let levels = config.channelMultipliers.count
        let residualBlocks = config.resBlocksPerLevel.reduce(0, +)
        guard levels > 0, config.resBlocksPerLevel.count == levels, config.inputTransformerDepths.count == residualBlocks,
            config.outputTransformerDepths.count == residualBlocks + levels
        else {
            throw ModelWeightsError(component: weights.component, key: "", message: "inconsistent UNet configuration: \(config)")
        }
        var reader = BlockReader(weights: weights, config: config)
        self.config = config
        timeInput = try LinearLayer(
            weights.scoped("time_embed.0."), inFeatures: config.modelChannels, outFeatures: config.timeEmbeddingWidth)
        timeOutput = try LinearLayer(
            weights.scoped("time_embed.2."), inFeatures: config.timeEmbeddingWidth, outFeatures: config.timeEmbeddingWidth)
        inputBlocks = try reader.inputBlocks()
        middleBlock = try reader.middleBlock()
        outputBlocks = try reader.outputBlocks()
        outNorm = try GroupNormLayer(
            weights.scoped("out.0."), channels: reader.channels, groups: config.normGroups, epsilon: config.residualNormEpsilon)
        outConvolution = try Conv2DLayer(
            weights.scoped("out.2."), inChannels: reader.channels, outChannels: config.outChannels, kernelSize: 3, padding: 1)
    }
}

/// Reads a UNet's blocks in the order they run, as ComfyUI's `UNetModel` constructor lays them out, tracking the
/// channels flowing out of the last block read and those of every skip connection still to be joined.
private struct BlockReader {
    let weights: ModelWeights
    let config: UNetConfig
    /// The channels of the last block's output.
    private(set) var channels: Int
    /// The channels of each input block's output, joined back in by the output blocks in reverse order.
    private var skipChannels: [Int]

    init(weights: ModelWeights, config: UNetConfig) {
        self.weights = weights
        self.config = config
        channels = config.modelChannels
        skipChannels = []
    }

    /// The stem convolution, then per level its residual blocks (each with its spatial transformer, if any) and,
    /// except at the coarsest level, a stride-2 convolution.
    mutating func inputBlocks() throws(ModelWeightsError) -> [[UNetLayer]] {
        let inputs = weights.scoped("input_blocks.")
        var blocks: [[UNetLayer]] = [
            [.convolution(try Conv2DLayer(inputs.scoped("0.0."), inChannels: config.inChannels, outChannels: channels, kernelSize: 3, padding: 1))]
        ]
        skipChannels.append(channels)
        var depths = config.inputTransformerDepths[...]
        for level in config.channelMultipliers.indices {
            for _ in 0..<config.resBlocksPerLevel[level] {
                blocks.append(try residualStage(inputs.scoped("\(blocks.count)."), level: level, depth: depths.removeFirst()))
                skipChannels.append(channels)
            }
            if level < config.channelMultipliers.count - 1 {
                let scope = "\(blocks.count).0.op."
                blocks.append([
                    .convolution(
                        try Conv2DLayer(inputs.scoped(scope), inChannels: channels, outChannels: channels, kernelSize: 3, stride: 2, padding: 1))
                ])
                skipChannels.append(channels)
            }
        }
        return blocks
    }

    /// A residual block, then (when the configuration has one) a spatial transformer and a second residual block.
    mutating func middleBlock() throws(ModelWeightsError) -> [UNetLayer] {
        let middle = weights.scoped("middle_block.")
        var layers: [UNetLayer] = [.residual(try residual(middle.scoped("0."), outChannels: channels))]
        if let depth = config.middleTransformerDepth {
            layers += try transformer(middle.scoped("1."), depth: depth)
            layers.append(.residual(try residual(middle.scoped("2."), outChannels: channels)))
        }
        return layers
    }

    /// Per level, coarsest first, one more residual stage than on the way down, each joining a skip connection; the
    /// last stage of every level but the finest ends with an upsampling convolution.
    mutating func outputBlocks() throws(ModelWeightsError) -> [[UNetLayer]] {
        let outputs = weights.scoped("output_blocks.")
        var blocks: [[UNetLayer]] = []
        for level in config.channelMultipliers.indices.reversed() {
            for index in 0...config.resBlocksPerLevel[level] {
                let block = outputs.scoped("\(blocks.count).")
                channels += skipChannels.removeLast()
                var layers = try residualStage(block, level: level, depth: config.outputTransformerDepths[blocks.count])
                if level > 0, index == config.resBlocksPerLevel[level] {
                    layers.append(
                        .upsample(
                            try Conv2DLayer(
                                block.scoped("\(layers.count).conv."), inChannels: channels, outChannels: channels, kernelSize: 3, padding: 1)))
                }
                blocks.append(layers)
            }
        }
        return blocks
    }

    /// A residual block at `0.` to the channels of `level`, followed by a spatial transformer of `depth` blocks at `1.`
    /// when `depth` is above 0.
    private mutating func residualStage(_ block: ModelWeights, level: Int, depth: Int) throws(ModelWeightsError) -> [UNetLayer] {
        let residual = try residual(block.scoped("0."), outChannels: config.channels(level: level))
        return [.residual(residual)] + (try transformer(block.scoped("1."), depth: depth))
    }

    /// The residual block under `scope` from the current channels to `outChannels`, which become the current ones.
    private mutating func residual(_ scope: ModelWeights, outChannels: Int) throws(ModelWeightsError) -> ResidualBlock {
        let block = try ResidualBlock(scope, inChannels: channels, outChannels: outChannels, config: config)
        channels = outChannels
        return block
    }

    /// The spatial transformer of `depth` blocks under `scope` over the current channels, or nothing for depth 0.
    private func transformer(_ scope: ModelWeights, depth: Int) throws(ModelWeightsError) -> [UNetLayer] {
        guard depth > 0 else { return [] }
        return [.transformer(try SpatialTransformer(scope, channels: channels, depth: depth, config: config))]
    }
}
