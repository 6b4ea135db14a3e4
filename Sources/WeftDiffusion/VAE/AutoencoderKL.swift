public import WeftTensor

/// The AutoencoderKL VAE of SD1.x/SD2.x: decodes latents to images and encodes images to latents as ComfyUI's
/// VAEDecode and VAEEncode nodes do (ComfyUI 0.3.64, `comfy.sd.VAE` around `AutoencoderKL`).
///
/// Images use ComfyUI's IMAGE layout, `[B, H, W, C]` with values in 0…1; latents are `[B, 4, H/8, W/8]` as the
/// encoder produces them, without the model's latent scale (0.18215 for SD1.x), which sampling applies. Each image of a
/// batch runs through the network on its own, so memory grows with the image size but not with the batch.
///
/// Memory: at 512 × 512 pixels an SD activation of 128 channels is 128 MB. The blocks overwrite tensors they no longer
/// need (normalisation and SiLU in place, residual sums in place), keeping at most three full-resolution activations
/// alive, and the decoder's upsampling never builds the 4× larger nearest-neighbour image. For images too large for
/// that, `decodeTiled` and `encodeTiled` bound memory by the tile size.
public struct AutoencoderKL: Sendable {
    /// The sizes the model was built with.
    public let config: VAEConfig
    /// Pixels to latent mean.
    let encoder: VAEEncoder
    /// Latent to pixels.
    let decoder: VAEDecoder

    /// Builds the VAE from `weights` keyed without a prefix (`encoder.conv_in.weight`, `decoder.…`, `quant_conv.…`,
    /// `post_quant_conv.…`): a checkpoint's VAE loaded with `ModelWeights.load(from:keyPrefix: "first_stage_model.",
    /// component: "vae")`, or a standalone VAE file loaded with `keyPrefix: ""`. `config` defaults to the sizes read
    /// from the weights' shapes (`VAEConfig(weights:)`).
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor, or describing a `config` whose
    ///   per-level lists do not match its levels.
    public init(weights: ModelWeights, config: VAEConfig? = nil) throws(ModelWeightsError) {
        let config = if let config { config } else { try VAEConfig(weights: weights) }
        let levels = config.levelChannels.count
        guard levels >= 1, config.encoderAttention.count == levels, config.decoderAttention.count == levels,
            config.resBlocksPerLevel >= 1, config.normGroups >= 1
        else {
            throw ModelWeightsError(
                component: weights.component, key: "",
                message: "the VAE configuration needs at least one level, one block per level, and attention flags for each level")
        }
        self.config = config
        encoder = try VAEEncoder(weights, config: config)
        decoder = try VAEDecoder(weights, config: config)
    }

    /// The images of `latent` (`[B, 4, h, w]`): `[B, 8h, 8w, 3]` in 0…1, the decoder's output `x` mapped by
    /// `clamp((x + 1) / 2, 0, 1)` (ComfyUI's VAEDecode).
    /// - Throws: `TensorError.invalidShapes` when `latent` is not `[B, latentChannels, h, w]` with h, w ≥ 1.
    public func decode(_ latent: Tensor) throws(TensorError) -> Tensor {
        try checkLatent(latent, operation: "AutoencoderKL.decode")
        return try eachImage(of: latent) { image throws(TensorError) in try pixelImage(decoder(image)) }
    }

    /// The latent means of `image` (`[B, H, W, C]`, C ≥ 3, values in 0…1; channels after the third, such as alpha,
    /// are ignored): `[B, 4, H/8, W/8]`, the posterior's mode without sampling or scaling (ComfyUI's VAEEncode). An
    /// image whose sides are not multiples of 8 is first centre-cropped to them (see `croppedForEncoding`).
    /// - Throws: `TensorError.invalidShapes` when `image` is not 4-D with at least 3 channels and one image, or a side
    ///   is below 8 pixels.
    public func encode(_ image: Tensor) throws(TensorError) -> Tensor {
        try eachImage(of: modelInput(image, operation: "AutoencoderKL.encode")) { pixels throws(TensorError) in try encoder(pixels) }
    }
}
