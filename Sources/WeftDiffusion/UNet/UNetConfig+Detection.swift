import WeftTensor

extension UNetConfig {
    /// The structure of the UNet whose weights are `weights` (keys without the `model.diffusion_model.` prefix), read
    /// from which blocks exist and from their shapes, as ComfyUI's `detect_unet_config` does. Only the structure is
    /// read here; building a `UNetModel` checks every tensor's shape.
    /// - Throws: `ModelWeightsError` naming the key when a tensor the layout needs is missing or its shape makes no
    ///   sense for this architecture (e.g. a level's channels are not a multiple of the model channels).
    public init(detectingFrom weights: ModelWeights, attentionHeads: UNetAttentionHeads) throws(ModelWeightsError) {
        let stem = try weights.tensor("input_blocks.0.0.weight")
        guard stem.rank == 4, stem.shape[0] > 0 else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "input_blocks.0.0.weight",
                message: "expected a 4-D convolution kernel, found \(stem.shape)")
        }
        let modelChannels = stem.shape[0]
        let levels = try LevelLayout(weights.scoped("input_blocks."), modelChannels: modelChannels)
        let outputs = weights.scoped("output_blocks.")
        // The way up has one more residual stage per level than the way down.
        let outputCount = levels.resBlocksPerLevel.reduce(levels.resBlocksPerLevel.count, +)
        guard outputs.indices() == Array(0..<outputCount) else {
            throw ModelWeightsError(
                component: weights.component, key: outputs.prefix,
                message: "expected output blocks 0 ..< \(outputCount) for res blocks \(levels.resBlocksPerLevel), found \(outputs.indices())")
        }
        let middle = weights.scoped("middle_block.")
        let middleDepth = middle.contains("1.proj_in.weight") ? transformerDepth(middle.scoped("1.")) : nil
        let candidates =
            levels.residualBlockIndices.map { weights.scoped("input_blocks.\($0).1.") } + [middle.scoped("1.")]
            + (0..<outputCount).map { outputs.scoped("\($0).1.") }
        let firstTransformer = candidates.first { $0.contains("proj_in.weight") }

        self.init(
            attentionHeads: attentionHeads, inChannels: stem.shape[1],
            outChannels: try weights.tensor("out.2.weight").shape[0], modelChannels: modelChannels,
            channelMultipliers: levels.channelMultipliers, resBlocksPerLevel: levels.resBlocksPerLevel,
            inputTransformerDepths: levels.inputTransformerDepths, middleTransformerDepth: middleDepth,
            outputTransformerDepths: (0..<outputCount).map { transformerDepth(outputs.scoped("\($0).1.")) },
            contextWidth: try firstTransformer.map { transformer throws(ModelWeightsError) in
                try transformer.tensor("transformer_blocks.0.attn2.to_k.weight").shape[1]
            },
            linearProjection: firstTransformer?.shape(of: "proj_in.weight")?.count == 2,
            timeEmbeddingWidth: try weights.tensor("time_embed.0.weight").shape[0])
    }
}

/// The number of transformer blocks of the spatial transformer scoped by `transformer` (0 when there is none).
private func transformerDepth(_ transformer: ModelWeights) -> Int {
    transformer.scoped("transformer_blocks.").indices().count
}

/// The levels of a UNet's way down, read from its input blocks: block 0 is the stem convolution, each later block is
/// a residual block (optionally followed by a spatial transformer) or a downsampling convolution that closes a level.
private struct LevelLayout {
    var channelMultipliers: [Int] = []
    var resBlocksPerLevel: [Int] = []
    var inputTransformerDepths: [Int] = []
    /// The input block index of each residual block, in order.
    var residualBlockIndices: [Int] = []

    init(_ inputs: ModelWeights, modelChannels: Int) throws(ModelWeightsError) {
        let indices = inputs.indices()
        guard indices == Array(0..<indices.count) else {
            throw ModelWeightsError(
                component: inputs.component, key: inputs.prefix, message: "input blocks are not numbered 0 ..< n: \(indices)")
        }
        var multiplier: Int?
        var blocks = 0
        for index in indices.dropFirst() {
            let block = inputs.scoped("\(index).")
            if block.contains("0.op.weight") {
                try closeLevel(multiplier, blocks: blocks, at: block.scoped("0.op."))
                (multiplier, blocks) = (nil, 0)
                continue
            }
            let key = "0.out_layers.3.weight"
            let channels = try block.tensor(key).shape[0]
            guard channels > 0, channels % modelChannels == 0 else {
                throw ModelWeightsError(
                    component: inputs.component, key: block.prefix + key,
                    message: "\(channels) output channels are not a multiple of the \(modelChannels) model channels")
            }
            multiplier = channels / modelChannels
            blocks += 1
            inputTransformerDepths.append(transformerDepth(block.scoped("1.")))
            residualBlockIndices.append(index)
        }
        try closeLevel(multiplier, blocks: blocks, at: inputs.scoped("\(indices.count)."))
    }

    /// Records the level whose residual blocks were just read; `next` scopes the block after them, for the error.
    private mutating func closeLevel(_ multiplier: Int?, blocks: Int, at next: ModelWeights) throws(ModelWeightsError) {
        guard let multiplier else {
            throw ModelWeightsError(
                component: next.component, key: next.prefix, message: "a resolution level has no residual block before it")
        }
        channelMultipliers.append(multiplier)
        resBlocksPerLevel.append(blocks)
    }
}
