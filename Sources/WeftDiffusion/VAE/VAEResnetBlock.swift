import WeftTensor

/// The VAE's residual block (no timestep input): `x + conv2(silu(norm2(conv1(silu(norm1(x))))))`, the `x` passed
/// through a 1×1 `nin_shortcut` convolution when the block changes the width.
struct VAEResnetBlock: Sendable {
    /// Normalisation before the first convolution, over the input width.
    let norm1: GroupNormLayer
    /// 3×3 convolution from the input to the output width, run as Winograd.
    let conv1: Conv2DLayer
    /// Normalisation before the second convolution.
    let norm2: GroupNormLayer
    /// 3×3 convolution within the output width, run as Winograd.
    let conv2: Conv2DLayer
    /// 1×1 convolution matching the residual to the output width, when the widths differ.
    let shortcut: Conv2DLayer?

    /// Reads the block under `weights`' scope (`norm1.`, `conv1.`, `norm2.`, `conv2.`, `nin_shortcut.`).
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, inChannels: Int, outChannels: Int, config: VAEConfig) throws(ModelWeightsError) {
        norm1 = try GroupNormLayer(
            weights.scoped("norm1."), channels: inChannels, groups: config.normGroups, epsilon: config.normEpsilon)
        conv1 = try Conv2DLayer(weights.scoped("conv1."), inChannels: inChannels, outChannels: outChannels, kernelSize: 3, padding: 1)
        norm2 = try GroupNormLayer(
            weights.scoped("norm2."), channels: outChannels, groups: config.normGroups, epsilon: config.normEpsilon)
        conv2 = try Conv2DLayer(weights.scoped("conv2."), inChannels: outChannels, outChannels: outChannels, kernelSize: 3, padding: 1)
        shortcut =
            inChannels == outChannels
            ? nil
            : try Conv2DLayer(
                weights.scoped("nin_shortcut."), inChannels: inChannels, outChannels: outChannels, kernelSize: 1, padding: 0)
    }

    /// The block applied to `x` (`[N, in, H, W]`), giving `[N, out, H, W]`.
    ///
    /// The order keeps at most three activations alive: with a shortcut, the residual is projected first so the
    /// normalisation can overwrite `x`; without one, `x` is kept for the sum while each later step overwrites the
    /// tensor it consumes.
    func callAsFunction(_ x: consuming Tensor) throws(TensorError) -> Tensor {
        let residual: Tensor
        var h: Tensor
        if let shortcut {
            residual = try shortcut(x)
            h = consume x
            try norm1.activate(&h)
        } else {
            residual = x
            h = try norm1.activated(residual)
        }
        h = try conv1.winograd(h)
        try norm2.activate(&h)
        h = try conv2.winograd(h)
        try h += residual
        return h
    }
}
