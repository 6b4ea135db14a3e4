import WeftTensor

/// The encoder's downsampling: one zero row below and one zero column to the right, then a 3×3 convolution with
/// stride 2 and no padding, halving height and width (rounding down).
struct VAEDownsample: Sendable {
    /// The strided convolution, same width in and out.
    let conv: Conv2DLayer

    /// Reads `conv.` under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int) throws(ModelWeightsError) {
        conv = try Conv2DLayer(weights.scoped("conv."), inChannels: channels, outChannels: channels, kernelSize: 3, stride: 2, padding: 0)
    }

    /// `x` (`[N, C, H, W]`) downsampled to `[N, C, H/2, W/2]`; `x` is released once its padded copy exists.
    func callAsFunction(_ x: consuming Tensor) throws(TensorError) -> Tensor {
        let padded = try x.padded([(0, 1), (0, 1)])
        _ = consume x
        return try conv(padded)
    }
}

/// The decoder's upsampling: nearest-neighbour ×2, then a 3×3 convolution with padding 1, computed together by
/// `nearestUpsampledConv2d` without building the upsampled feature map.
struct VAEUpsample: Sendable {
    /// The convolution after the upsampling, same width in and out.
    let conv: Conv2DLayer

    /// Reads `conv.` under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int) throws(ModelWeightsError) {
        conv = try Conv2DLayer(weights.scoped("conv."), inChannels: channels, outChannels: channels, kernelSize: 3, padding: 1)
    }

    /// `x` (`[N, C, H, W]`) upsampled to `[N, C, 2H, 2W]`.
    func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        try nearestUpsampledConv2d(x, weight: conv.weight, bias: conv.bias)
    }
}
