import WeftTensor

/// The VAE's single-head self-attention over all positions of a feature map: `x + proj_out(attention(q, k, v))`
/// with `q`, `k`, `v` 1×1 convolutions of the group-normalised `x`, each position one token of `C` features.
///
/// The 1×1 convolutions run as linear layers on the tokens (`[N, H·W, C]`, the kernels viewed as `[C, C]`), so the
/// feature map is transposed once on the way in and once on the way out.
struct VAEAttentionBlock: Sendable {
    /// Normalisation of the input.
    let norm: GroupNormLayer
    /// Query, key, value and output projections, 1×1 kernels `[C, C, 1, 1]` with bias.
    let query: Conv2DLayer, key: Conv2DLayer, value: Conv2DLayer, output: Conv2DLayer

    /// Reads the block under `weights`' scope (`norm.`, `q.`, `k.`, `v.`, `proj_out.`).
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int, config: VAEConfig) throws(ModelWeightsError) {
        norm = try GroupNormLayer(weights.scoped("norm."), channels: channels, groups: config.normGroups, epsilon: config.normEpsilon)
        func projection(_ name: String) throws(ModelWeightsError) -> Conv2DLayer {
            try Conv2DLayer(weights.scoped(name + "."), inChannels: channels, outChannels: channels, kernelSize: 1, padding: 0)
        }
        query = try projection("q")
        key = try projection("k")
        value = try projection("v")
        output = try projection("proj_out")
    }

    /// The block applied to `x` (`[N, C, H, W]`).
    func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        let (batch, channels, positions) = (x.shape[0], x.shape[1], x.shape[2] * x.shape[3])
        let tokens = try norm(x).reshaped([batch, channels, positions]).transposed(1, 2)
        func project(_ input: Tensor, _ layer: Conv2DLayer) throws(TensorError) -> Tensor {
            try linear(input, weight: layer.weight.reshaped([channels, channels]), bias: layer.bias)
        }
        func head(_ layer: Conv2DLayer) throws(TensorError) -> Tensor {
            try project(tokens, layer).reshaped([batch, 1, positions, channels])
        }
        let attended = try scaledDotProductAttention(query: head(query), key: head(key), value: head(value))
        var result = try project(attended.reshaped([batch, positions, channels]), output).transposed(1, 2).reshaped(x.shape)
        try result += x
        return result
    }
}
