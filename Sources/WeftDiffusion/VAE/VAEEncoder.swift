import WeftTensor

/// The AutoencoderKL encoder with `quant_conv`: pixels in −1…1 (`[N, 3, H, W]`) to the latent distribution's mean
/// (`[N, latent, H/8, W/8]` for SD), the posterior's mode.
struct VAEEncoder: Sendable {
    /// The 3×3 convolution from the image to the base width.
    let input: Conv2DLayer
    /// One level per resolution, finest first.
    let levels: [VAELevel]
    /// The downsampling after every level but the last.
    let downsamples: [VAEDownsample]
    /// Residual blocks and attention at the coarsest resolution.
    let middle: VAEMiddle
    /// The closing normalisation.
    let outputNorm: GroupNormLayer
    /// The closing 3×3 convolution to the moments (mean and log-variance, `2 · z` channels).
    let output: Conv2DLayer
    /// The 1×1 `quant_conv` on the moments.
    let quantization: Conv2DLayer
    /// Channels of the mean, the first half of the moments.
    let latentChannels: Int

    /// Reads `encoder.*` and `quant_conv.*` from `weights` as `config` describes.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, config: VAEConfig) throws(ModelWeightsError) {
        let encoder = weights.scoped("encoder.")
        input = try Conv2DLayer(
            encoder.scoped("conv_in."), inChannels: config.imageChannels, outChannels: config.baseChannels, kernelSize: 3, padding: 1)
        var levels: [VAELevel] = []
        var downsamples: [VAEDownsample] = []
        var width = config.baseChannels
        for (level, channels) in config.levelChannels.enumerated() {
            let scope = encoder.scoped("down.\(level).")
            levels.append(
                try VAELevel(
                    scope, count: config.resBlocksPerLevel, inChannels: width, outChannels: channels,
                    attention: config.encoderAttention[level], config: config))
            width = channels
            if level < config.levelChannels.count - 1 {
                downsamples.append(try VAEDownsample(scope.scoped("downsample."), channels: channels))
            }
        }
        self.levels = levels
        self.downsamples = downsamples
        middle = try VAEMiddle(encoder.scoped("mid."), channels: width, config: config)
        outputNorm = try GroupNormLayer(
            encoder.scoped("norm_out."), channels: width, groups: config.normGroups, epsilon: config.normEpsilon)
        output = try Conv2DLayer(
            encoder.scoped("conv_out."), inChannels: width, outChannels: 2 * config.zChannels, kernelSize: 3, padding: 1)
        quantization = try Conv2DLayer(
            weights.scoped("quant_conv."), inChannels: 2 * config.zChannels, outChannels: 2 * config.latentChannels, kernelSize: 1,
            padding: 0)
        latentChannels = config.latentChannels
    }

    /// The latent mean of `pixels` (`[N, 3, H, W]`, values in −1…1).
    func callAsFunction(_ pixels: Tensor) throws(TensorError) -> Tensor {
        var h = try input(pixels)
        for (index, level) in levels.enumerated() {
            h = try level(consume h)
            if index < downsamples.count {
                h = try downsamples[index](consume h)
            }
        }
        h = try middle(consume h)
        try outputNorm.activate(&h)
        let moments = try quantization(output(h))
        return try moments.narrowed(dimension: 1, start: 0, length: latentChannels)
    }
}
