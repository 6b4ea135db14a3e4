public import WeftTensor

/// A 2-D convolution read from `<prefix>weight` ([out, in, kH, kW]) and `<prefix>bias` ([out]), with its stride and
/// padding fixed at construction.
public struct Conv2DLayer: Sendable {
    /// The kernel, `[out, in, kH, kW]`.
    public let weight: Tensor
    /// The bias, `[out]`, or nil when the checkpoint has none.
    public let bias: Tensor?
    /// The stride along height and width.
    public let stride: Int
    /// The zero padding on every side.
    public let padding: Int

    /// Reads the convolution under `weights`' scope. `inChannels`, when given, is checked against the kernel.
    /// - Throws: `ModelWeightsError` when the kernel is missing, not 4-D or takes another number of channels, or the
    ///   bias does not fit.
    public init(_ weights: ModelWeights, inChannels: Int? = nil, stride: Int = 1, padding: Int) throws(ModelWeightsError) {
        let weight = try weights.tensor("weight")
        guard weight.rank == 4, inChannels.map({ $0 == weight.shape[1] }) ?? true else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "weight",
                message: "expected a 4-D kernel over \(inChannels.map(String.init) ?? "any number of") channels, found \(weight.shape)")
        }
        self.weight = weight
        self.bias = weights.contains("bias") ? try weights.tensor("bias", shape: [weight.shape[0]]) : nil
        self.stride = stride
        self.padding = padding
    }

    /// The number of output channels.
    public var outChannels: Int { weight.shape[0] }
    /// The number of input channels.
    public var inChannels: Int { weight.shape[1] }

    /// The convolution of `x` (`[N, in, H, W]`).
    public func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        try conv2d(x, weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
    }

    /// The same convolution as Winograd F(2×2, 3×3) (`winogradConv2d`): 2.25× fewer multiplications, for a 3×3,
    /// stride-1, padding-1 kernel over large images, where transforming the kernel on each call costs little
    /// against the convolution (the VAE's residual blocks). Small feature maps with many channels, as in the UNet's
    /// deep levels, are faster through `callAsFunction`.
    /// - Throws: `TensorError` when the kernel is not 3×3 or the shapes do not fit.
    public func winograd(_ x: Tensor) throws(TensorError) -> Tensor {
        guard stride == 1, padding == 1 else {
            throw .invalidShapes(
                operation: "winogradConv2d", shapes: [x.shape, weight.shape], reason: "Winograd needs stride 1 and padding 1")
        }
        return try winogradConv2d(x, weight: weight, bias: bias)
    }
}
