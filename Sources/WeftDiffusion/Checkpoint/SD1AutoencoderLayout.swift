/// The architecture numbers of an SD1.x VAE (the LDM `AutoencoderKL` with attention only in the middle blocks) that
/// fix every weight's key and shape.
public struct SD1AutoencoderLayout: Equatable, Sendable {
    /// Channels at the first resolution level; level `i` has `baseChannels * channelMultipliers[i]`.
    public var baseChannels: Int
    /// One multiplier per resolution level, shallow to deep; the image is downscaled 2^(count - 1) times.
    public var channelMultipliers: [Int]
    /// Residual blocks per level in the encoder; the decoder has one more per level.
    public var resBlocksPerLevel: Int
    /// Channels of the latent the decoder reads (`z_channels`); the encoder outputs twice as many (mean and log
    /// variance).
    public var latentChannels: Int
    /// Channels between `quant_conv` and `post_quant_conv` (`embed_dim`).
    public var embeddingChannels: Int
    /// Channels of the image (RGB: 3).
    public var imageChannels: Int

    /// An autoencoder with these numbers; latent and embedding channels default to 4, image channels to 3.
    public init(
        baseChannels: Int, channelMultipliers: [Int], resBlocksPerLevel: Int, latentChannels: Int = 4,
        embeddingChannels: Int = 4, imageChannels: Int = 3
    ) {
        self.baseChannels = baseChannels
        self.channelMultipliers = channelMultipliers
        self.resBlocksPerLevel = resBlocksPerLevel
        self.latentChannels = latentChannels
        self.embeddingChannels = embeddingChannels
        self.imageChannels = imageChannels
    }

    /// Stable Diffusion 1.5's VAE: 128 channels × [1, 2, 4, 4], 2 residual blocks per level, 4 latent channels.
    public static let sd15 = SD1AutoencoderLayout(baseChannels: 128, channelMultipliers: [1, 2, 4, 4], resBlocksPerLevel: 2)

    /// Every weight's key (after `keyPrefix`) and shape, sorted by key.
    public func tensors(keyPrefix: String = CheckpointDetection.Prefix.vae) -> [CheckpointTensorSpec] {
        var list = CheckpointTensorList(prefix: keyPrefix)
        let levelChannels = channelMultipliers.map { baseChannels * $0 }
        let deepest = levelChannels.last ?? baseChannels

        list.convolution("encoder.conv_in", input: imageChannels, output: baseChannels, kernel: 3)
        var channels = baseChannels
        for (level, output) in levelChannels.enumerated() {
            for block in 0..<resBlocksPerLevel {
                Self.addResidualBlock(to: &list, path: "encoder.down.\(level).block.\(block)", input: channels, output: output)
                channels = output
            }
            if level < levelChannels.count - 1 {
                list.convolution("encoder.down.\(level).downsample.conv", input: channels, output: channels, kernel: 3)
            }
        }
        Self.addMiddle(to: &list, path: "encoder.mid", channels: channels)
        list.normalization("encoder.norm_out", channels: channels)
        list.convolution("encoder.conv_out", input: channels, output: latentChannels * 2, kernel: 3)

        list.convolution("quant_conv", input: latentChannels * 2, output: embeddingChannels * 2, kernel: 1)
        list.convolution("post_quant_conv", input: embeddingChannels, output: latentChannels, kernel: 1)

        list.convolution("decoder.conv_in", input: latentChannels, output: deepest, kernel: 3)
        Self.addMiddle(to: &list, path: "decoder.mid", channels: deepest)
        channels = deepest
        for (level, output) in levelChannels.enumerated().reversed() {
            for block in 0...resBlocksPerLevel {
                Self.addResidualBlock(to: &list, path: "decoder.up.\(level).block.\(block)", input: channels, output: output)
                channels = output
            }
            if level > 0 { list.convolution("decoder.up.\(level).upsample.conv", input: channels, output: channels, kernel: 3) }
        }
        list.normalization("decoder.norm_out", channels: channels)
        list.convolution("decoder.conv_out", input: channels, output: imageChannels, kernel: 3)
        return list.sortedByKey
    }

    /// Adds a residual block: two normalised 3×3 convolutions, and a 1×1 `nin_shortcut` when the channels change.
    private static func addResidualBlock(to list: inout CheckpointTensorList, path: String, input: Int, output: Int) {
        list.normalization("\(path).norm1", channels: input)
        list.convolution("\(path).conv1", input: input, output: output, kernel: 3)
        list.normalization("\(path).norm2", channels: output)
        list.convolution("\(path).conv2", input: output, output: output, kernel: 3)
        if input != output { list.convolution("\(path).nin_shortcut", input: input, output: output, kernel: 1) }
    }

    /// Adds a middle block: a residual block, single-head self-attention with 1×1 convolution projections, and a
    /// second residual block.
    private static func addMiddle(to list: inout CheckpointTensorList, path: String, channels: Int) {
        addResidualBlock(to: &list, path: "\(path).block_1", input: channels, output: channels)
        list.normalization("\(path).attn_1.norm", channels: channels)
        for projection in ["q", "k", "v", "proj_out"] {
            list.convolution("\(path).attn_1.\(projection)", input: channels, output: channels, kernel: 1)
        }
        addResidualBlock(to: &list, path: "\(path).block_2", input: channels, output: channels)
    }
}
