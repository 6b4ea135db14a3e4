import WeftTensor

/// The AutoencoderKL decoder with `post_quant_conv`: a latent (`[N, latent, h, w]`) to pixels in about −1…1
/// (`[N, 3, 8h, 8w]` for SD), unclamped.
struct VAEDecoder: Sendable {
    /// The 1×1 `post_quant_conv` on the latent.
    let dequantization: Conv2DLayer
    /// The 3×3 convolution from `z` channels to the coarsest width.
    let input: Conv2DLayer
    /// Residual blocks and attention at the coarsest resolution.
    let middle: VAEMiddle
    /// One level per resolution, finest first (run coarsest first), each one block longer than the encoder's.
    let levels: [VAELevel]
    /// The upsampling after each level but the finest, indexed like `levels` (index 0 unused: nil).
    let upsamples: [VAEUpsample?]
    /// The closing normalisation.
    let outputNorm: GroupNormLayer
    /// The closing 3×3 convolution to the image channels.
    let output: Conv2DLayer

    /// Reads `decoder.*` and `post_quant_conv.*` from `weights` as `config` describes.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, config: VAEConfig) throws(ModelWeightsError) {
        let decoder = weights.scoped("decoder.")
        let widths = config.levelChannels
        dequantization = try Conv2DLayer(
            weights.scoped("post_quant_conv."), inChannels: config.latentChannels, outChannels: config.zChannels, kernelSize: 1,
            padding: 0)
        var width = widths[widths.count - 1]
        input = try Conv2DLayer(decoder.scoped("conv_in."), inChannels: config.zChannels, outChannels: width, kernelSize: 3, padding: 1)
        middle = try VAEMiddle(decoder.scoped("mid."), channels: width, config: config)
        var levels: [VAELevel] = []
        var upsamples: [VAEUpsample?] = []
        for level in widths.indices.reversed() {
            let scope = decoder.scoped("up.\(level).")
            levels.insert(
                try VAELevel(
                    scope, count: config.resBlocksPerLevel + 1, inChannels: width, outChannels: widths[level],
                    attention: config.decoderAttention[level], config: config),
                at: 0)
            width = widths[level]
            upsamples.insert(level == 0 ? nil : try VAEUpsample(scope.scoped("upsample."), channels: width), at: 0)
        }
        self.levels = levels
        self.upsamples = upsamples
        outputNorm = try GroupNormLayer(
            decoder.scoped("norm_out."), channels: width, groups: config.normGroups, epsilon: config.normEpsilon)
        output = try Conv2DLayer(
            decoder.scoped("conv_out."), inChannels: width, outChannels: config.outputChannels, kernelSize: 3, padding: 1)
    }

    /// The pixels of `latent` (`[N, latent, h, w]`), unclamped.
    func callAsFunction(_ latent: Tensor) throws(TensorError) -> Tensor {
        var h = try middle(input(dequantization(latent)))
        for level in levels.indices.reversed() {
            h = try levels[level](consume h)
            if let upsample = upsamples[level] {
                h = try upsample(h)
            }
        }
        try outputNorm.activate(&h)
        return try output(h)
    }
}
