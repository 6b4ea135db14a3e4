import WeftTensor

/// The UNet's residual block (ComfyUI's `ResBlock` without scale-shift norm): group norm, SiLU and a 3×3 convolution,
/// plus the block's projection of the timestep embedding added per channel, then group norm, SiLU and a second 3×3
/// convolution, added to the input (through a 1×1 convolution when the channel count changes).
struct ResidualBlock: Sendable {
    /// `in_layers.0` and `.2`.
    let inNorm: GroupNormLayer
    let inConvolution: Conv2DLayer
    /// `emb_layers.1`: the timestep embedding (after SiLU) to one shift per output channel.
    let embeddingProjection: LinearLayer
    /// `out_layers.0` and `.3`.
    let outNorm: GroupNormLayer
    let outConvolution: Conv2DLayer
    /// The 1×1 convolution on the residual path, or nil when input and output channels are equal.
    let skip: Conv2DLayer?

    /// Reads the block under `weights`' scope, turning `inChannels` into `outChannels`.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, inChannels: Int, outChannels: Int, config: UNetConfig) throws(ModelWeightsError) {
        inNorm = try GroupNormLayer(
            weights.scoped("in_layers.0."), channels: inChannels, groups: config.normGroups, epsilon: config.residualNormEpsilon)
        inConvolution = try Conv2DLayer(weights.scoped("in_layers.2."), inChannels: inChannels, outChannels: outChannels, kernelSize: 3, padding: 1)
        embeddingProjection = try LinearLayer(
            weights.scoped("emb_layers.1."), inFeatures: config.timeEmbeddingWidth, outFeatures: outChannels)
        outNorm = try GroupNormLayer(
            weights.scoped("out_layers.0."), channels: outChannels, groups: config.normGroups, epsilon: config.residualNormEpsilon)
        outConvolution = try Conv2DLayer(
            weights.scoped("out_layers.3."), inChannels: outChannels, outChannels: outChannels, kernelSize: 3, padding: 1)
        skip =
            inChannels == outChannels
            ? nil : try Conv2DLayer(weights.scoped("skip_connection."), inChannels: inChannels, outChannels: outChannels, kernelSize: 1, padding: 0)
    }

    /// The block applied to `x` (`[B, in, H, W]`), given SiLU of the timestep embedding (`[B, E]`).
    func callAsFunction(_ x: Tensor, activatedEmbedding: Tensor) throws(TensorError) -> Tensor {
        var hidden = try inConvolution(silu(inNorm(x)))
        let shift = try embeddingProjection(activatedEmbedding)
        try hidden += shift.reshaped([shift.shape[0], shift.shape[1], 1, 1])
        hidden = try outConvolution(silu(outNorm(hidden)))
        try hidden += skip?(x) ?? x
        return hidden
    }
}
