import WeftTensor

/// The sizes of an AutoencoderKL (the VAE of SD1.x/SD2.x), read from its weights' shapes: how many resolution levels
/// the encoder and decoder have, how wide each is, how many residual blocks each level holds and where attention sits.
///
/// ComfyUI builds the SD VAE from a fixed `ddconfig` (ch 128, ch_mult [1, 2, 4, 4], 2 residual blocks, 4 latent
/// channels); Weft reads the same facts from the tensors, so any AutoencoderKL of this layout loads, including the tiny
/// test model.
public struct VAEConfig: Sendable, Equatable {
    /// Colour channels the encoder reads (3: RGB).
    public var imageChannels: Int
    /// Colour channels the decoder writes (3: RGB).
    public var outputChannels: Int
    /// Width of the encoder's first convolution (`ch`), the input width of its first level.
    public var baseChannels: Int
    /// Width of each resolution level, finest first (`ch · ch_mult[i]`; 128, 256, 512, 512 for SD).
    public var levelChannels: [Int]
    /// Residual blocks per encoder level (`num_res_blocks`); each decoder level has one more.
    public var resBlocksPerLevel: Int
    /// Whether each encoder level runs self-attention after each residual block, finest first.
    public var encoderAttention: [Bool]
    /// Whether each decoder level runs self-attention after each residual block, finest first.
    public var decoderAttention: [Bool]
    /// Whether the middle of the encoder and of the decoder has a self-attention block between its two residual
    /// blocks (always so in SD).
    public var middleAttention: Bool
    /// Channels of the decoder's input after `post_quant_conv` (`z_channels`).
    public var zChannels: Int
    /// Channels of a latent (`embed_dim`, 4 for SD): the mean half of the encoder's output, the decoder's input.
    public var latentChannels: Int
    /// Channel groups of every group normalisation (32).
    public var normGroups: Int
    /// Added to the variance in every group normalisation (1e-6).
    public var normEpsilon: Float

    /// A configuration with every size given; `normGroups` and `normEpsilon` default to the SD values.
    public init(
        imageChannels: Int, outputChannels: Int, baseChannels: Int, levelChannels: [Int], resBlocksPerLevel: Int,
        encoderAttention: [Bool], decoderAttention: [Bool], middleAttention: Bool, zChannels: Int, latentChannels: Int,
        normGroups: Int = 32, normEpsilon: Float = 1e-6
    ) {
        self.imageChannels = imageChannels
        self.outputChannels = outputChannels
        self.baseChannels = baseChannels
        self.levelChannels = levelChannels
        self.resBlocksPerLevel = resBlocksPerLevel
        self.encoderAttention = encoderAttention
        self.decoderAttention = decoderAttention
        self.middleAttention = middleAttention
        self.zChannels = zChannels
        self.latentChannels = latentChannels
        self.normGroups = normGroups
        self.normEpsilon = normEpsilon
    }

    /// Reads the sizes from `weights` (keys without the checkpoint prefix: `encoder.conv_in.weight`, …): the base
    /// width and image channels from `encoder.conv_in`, one level per `encoder.down.N`, its width from its first
    /// block's `conv1`, the blocks per level from `encoder.down.0.block.N`, attention from `attn` keys, the latent
    /// sizes from `decoder.conv_in` and `post_quant_conv`, the output channels from `decoder.conv_out`.
    /// - Throws: `ModelWeightsError` naming the key when one of these tensors is missing or not a 4-D kernel, or when
    ///   the encoder's levels are not numbered 0, 1, ….
    public init(weights: ModelWeights, normGroups: Int = 32, normEpsilon: Float = 1e-6) throws(ModelWeightsError) {
        let encoderInput = try Self.kernelShape(weights, "encoder.conv_in.weight")
        let levels = weights.scoped("encoder.down.").indices()
        guard !levels.isEmpty, levels == Array(levels.indices) else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "encoder.down.",
                message: "expected levels numbered 0, 1, …; found \(levels)")
        }
        var levelChannels: [Int] = []
        for level in levels {
            levelChannels.append(try Self.kernelShape(weights, "encoder.down.\(level).block.0.conv1.weight")[0])
        }
        let blocks = weights.scoped("encoder.down.0.block.").indices().count
        func hasAttention(_ scope: String, _ level: Int) -> Bool {
            !weights.scoped("\(scope).\(level).attn.").indices().isEmpty
        }
        self.init(
            imageChannels: encoderInput[1],
            outputChannels: try Self.kernelShape(weights, "decoder.conv_out.weight")[0],
            baseChannels: encoderInput[0],
            levelChannels: levelChannels,
            resBlocksPerLevel: blocks,
            encoderAttention: levels.map { hasAttention("encoder.down", $0) },
            decoderAttention: levels.map { hasAttention("decoder.up", $0) },
            middleAttention: weights.contains("encoder.mid.attn_1.q.weight"),
            zChannels: try Self.kernelShape(weights, "decoder.conv_in.weight")[1],
            latentChannels: try Self.kernelShape(weights, "post_quant_conv.weight")[1],
            normGroups: normGroups,
            normEpsilon: normEpsilon)
    }

    /// How many pixels one latent position covers along each side: 2 to the number of downsamplings (8 for SD).
    public var scaleFactor: Int { 1 << (levelChannels.count - 1) }

    /// The shape of the 4-D kernel `key`.
    private static func kernelShape(_ weights: ModelWeights, _ key: String) throws(ModelWeightsError) -> [Int] {
        let shape = try weights.tensor(key).shape
        guard shape.count == 4 else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + key, message: "expected a 4-D kernel, found \(shape)")
        }
        return shape
    }
}
