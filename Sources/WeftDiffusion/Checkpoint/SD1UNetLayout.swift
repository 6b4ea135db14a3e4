/// The architecture numbers of an SD1.x UNet (ComfyUI's `openaimodel.UNetModel` with a spatial-transformer
/// configuration) that fix every weight's key and shape.
public struct SD1UNetLayout: Equatable, Sendable {
    /// Latent channels going in (4 for text-to-image models).
    public var inChannels: Int
    /// Channels of the predicted noise (4).
    public var outChannels: Int
    /// Channels at the first resolution level; level `i` has `modelChannels * channelMultipliers[i]`.
    public var modelChannels: Int
    /// One multiplier per resolution level, shallow to deep.
    public var channelMultipliers: [Int]
    /// Residual blocks per level on the way down; the way up has one more per level.
    public var resBlocksPerLevel: Int
    /// Transformer blocks after each residual block of a level, shallow to deep (0: no transformer at that level);
    /// the way up uses the same depth per level. Levels past the end of the list have none.
    public var transformerDepths: [Int]
    /// Transformer blocks in the middle block's transformer (0: none).
    public var middleTransformerDepth: Int
    /// Width of the cross-attention context (the text encoder's width).
    public var contextWidth: Int
    /// Whether the transformers' input and output projections are linear layers rather than 1×1 convolutions.
    public var linearProjection: Bool

    /// A UNet with these numbers.
    public init(
        inChannels: Int, outChannels: Int, modelChannels: Int, channelMultipliers: [Int], resBlocksPerLevel: Int,
        transformerDepths: [Int], middleTransformerDepth: Int, contextWidth: Int, linearProjection: Bool
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.modelChannels = modelChannels
        self.channelMultipliers = channelMultipliers
        self.resBlocksPerLevel = resBlocksPerLevel
        self.transformerDepths = transformerDepths
        self.middleTransformerDepth = middleTransformerDepth
        self.contextWidth = contextWidth
        self.linearProjection = linearProjection
    }

    /// Stable Diffusion 1.5's UNet: 320 channels × [1, 2, 4, 4], 2 residual blocks per level, one transformer block
    /// at levels 0-2 and in the middle, context 768, convolutional projections.
    public static let sd15 = SD1UNetLayout(
        inChannels: 4, outChannels: 4, modelChannels: 320, channelMultipliers: [1, 2, 4, 4], resBlocksPerLevel: 2,
        transformerDepths: [1, 1, 1, 0], middleTransformerDepth: 1, contextWidth: 768, linearProjection: false)

    /// The feed-forward's inner width as a multiple of a transformer's channels (its GEGLU input projection is twice
    /// as wide again, for the gate).
    public static let feedForwardExpansion = 4

    /// Width of the timestep embedding: four times the model channels.
    public var timeEmbeddingWidth: Int { modelChannels * 4 }

    /// The transformer depth at resolution `level` (0 past the end of `transformerDepths`).
    public func transformerDepth(atLevel level: Int) -> Int {
        transformerDepths.indices.contains(level) ? transformerDepths[level] : 0
    }

    /// Every module in forward order: the timestep MLP, the input blocks, the middle block, the output blocks and
    /// the output head, numbered as the checkpoint numbers them.
    public var modules: [SD1UNetModule] {
        let embedding = timeEmbeddingWidth
        var modules = [
            SD1UNetModule(path: "time_embed", kind: .timeEmbedding(modelChannels: modelChannels, width: embedding), level: 0),
            SD1UNetModule(
                path: "input_blocks.0.0", kind: .convolution(inChannels: inChannels, outChannels: modelChannels), level: 0),
        ]
        func transformer(_ path: String, channels: Int, depth: Int, level: Int) -> SD1UNetModule {
            let kind = SD1UNetModule.Kind.spatialTransformer(
                channels: channels, depth: depth, contextWidth: contextWidth, linearProjection: linearProjection)
            return SD1UNetModule(path: path, kind: kind, level: level)
        }

        var channels = modelChannels
        var skipChannels = [channels]
        var block = 1
        for (level, multiplier) in channelMultipliers.enumerated() {
            let depth = transformerDepth(atLevel: level)
            for _ in 0..<resBlocksPerLevel {
                let output = modelChannels * multiplier
                let kind = SD1UNetModule.Kind.residualBlock(inChannels: channels, outChannels: output, embeddingWidth: embedding)
                modules.append(SD1UNetModule(path: "input_blocks.\(block).0", kind: kind, level: level))
                if depth > 0 { modules.append(transformer("input_blocks.\(block).1", channels: output, depth: depth, level: level)) }
                channels = output
                skipChannels.append(channels)
                block += 1
            }
            if level < channelMultipliers.count - 1 {
                modules.append(SD1UNetModule(path: "input_blocks.\(block).0", kind: .downsample(channels: channels), level: level))
                skipChannels.append(channels)
                block += 1
            }
        }

        let deepest = max(channelMultipliers.count - 1, 0)
        let middleBlock = SD1UNetModule.Kind.residualBlock(inChannels: channels, outChannels: channels, embeddingWidth: embedding)
        modules.append(SD1UNetModule(path: "middle_block.0", kind: middleBlock, level: deepest))
        if middleTransformerDepth > 0 {
            modules.append(transformer("middle_block.1", channels: channels, depth: middleTransformerDepth, level: deepest))
        }
        modules.append(SD1UNetModule(path: "middle_block.\(middleTransformerDepth > 0 ? 2 : 1)", kind: middleBlock, level: deepest))

        block = 0
        for (level, multiplier) in channelMultipliers.enumerated().reversed() {
            let depth = transformerDepth(atLevel: level)
            for index in 0...resBlocksPerLevel {
                let output = modelChannels * multiplier
                let input = channels + (skipChannels.popLast() ?? 0)
                let kind = SD1UNetModule.Kind.residualBlock(inChannels: input, outChannels: output, embeddingWidth: embedding)
                modules.append(SD1UNetModule(path: "output_blocks.\(block).0", kind: kind, level: level))
                channels = output
                var child = 1
                if depth > 0 {
                    modules.append(transformer("output_blocks.\(block).\(child)", channels: channels, depth: depth, level: level))
                    child += 1
                }
                if level > 0 && index == resBlocksPerLevel {
                    modules.append(SD1UNetModule(path: "output_blocks.\(block).\(child)", kind: .upsample(channels: channels), level: level))
                }
                block += 1
            }
        }
        modules.append(
            SD1UNetModule(path: "out", kind: .outputHead(inChannels: channels, outChannels: outChannels), level: 0))
        return modules
    }

    /// Every weight's key (after `keyPrefix`) and shape, sorted by key.
    public func tensors(keyPrefix: String = CheckpointDetection.Prefix.unet) -> [CheckpointTensorSpec] {
        var list = CheckpointTensorList(prefix: keyPrefix)
        for module in modules {
            let path = module.path
            switch module.kind {
            case .timeEmbedding(let modelChannels, let width):
                list.linear("\(path).0", input: modelChannels, output: width)
                list.linear("\(path).2", input: width, output: width)
            case .convolution(let input, let output):
                list.convolution(path, input: input, output: output, kernel: 3)
            case .residualBlock(let input, let output, let embeddingWidth):
                list.normalization("\(path).in_layers.0", channels: input)
                list.convolution("\(path).in_layers.2", input: input, output: output, kernel: 3)
                list.linear("\(path).emb_layers.1", input: embeddingWidth, output: output)
                list.normalization("\(path).out_layers.0", channels: output)
                list.convolution("\(path).out_layers.3", input: output, output: output, kernel: 3)
                if input != output { list.convolution("\(path).skip_connection", input: input, output: output, kernel: 1) }
            case .spatialTransformer(let channels, let depth, let contextWidth, let linearProjection):
                list.normalization("\(path).norm", channels: channels)
                for projection in ["proj_in", "proj_out"] {
                    if linearProjection {
                        list.linear("\(path).\(projection)", input: channels, output: channels)
                    } else {
                        list.convolution("\(path).\(projection)", input: channels, output: channels, kernel: 1)
                    }
                }
                for index in 0..<depth {
                    Self.addTransformerBlock(to: &list, path: "\(path).transformer_blocks.\(index)", channels: channels, contextWidth: contextWidth)
                }
            case .downsample(let channels):
                list.convolution("\(path).op", input: channels, output: channels, kernel: 3)
            case .upsample(let channels):
                list.convolution("\(path).conv", input: channels, output: channels, kernel: 3)
            case .outputHead(let input, let output):
                list.normalization("\(path).0", channels: input)
                list.convolution("\(path).2", input: input, output: output, kernel: 3)
            }
        }
        return list.sortedByKey
    }

    /// Adds one transformer block's weights: bias-free query/key/value projections (keys and values of the
    /// cross-attention read the context), biased output projections, the GEGLU feed-forward and three layer norms.
    private static func addTransformerBlock(to list: inout CheckpointTensorList, path: String, channels: Int, contextWidth: Int) {
        for (attention, sourceWidth) in [("attn1", channels), ("attn2", contextWidth)] {
            list.linear("\(path).\(attention).to_q", input: channels, output: channels, bias: false)
            list.linear("\(path).\(attention).to_k", input: sourceWidth, output: channels, bias: false)
            list.linear("\(path).\(attention).to_v", input: sourceWidth, output: channels, bias: false)
            list.linear("\(path).\(attention).to_out.0", input: channels, output: channels)
        }
        let inner = channels * feedForwardExpansion
        list.linear("\(path).ff.net.0.proj", input: channels, output: inner * 2)
        list.linear("\(path).ff.net.2", input: inner, output: channels)
        for norm in 1...3 { list.normalization("\(path).norm\(norm)", channels: channels) }
    }
}
