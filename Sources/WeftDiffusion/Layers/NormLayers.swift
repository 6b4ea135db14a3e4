public import WeftTensor

/// Group normalisation read from `<prefix>weight` and `<prefix>bias` (both `[C]`), with its group count and epsilon.
public struct GroupNormLayer: Sendable {
    /// The per-channel scale.
    public let weight: Tensor
    /// The per-channel shift.
    public let bias: Tensor
    /// The number of channel groups.
    public let groups: Int
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// Reads the layer under `weights`' scope; `channels`, when given, is checked, and must divide into `groups`.
    /// - Throws: `ModelWeightsError` when a tensor is missing or the channels do not fit.
    public init(_ weights: ModelWeights, channels: Int? = nil, groups: Int = 32, epsilon: Float)
        throws(ModelWeightsError)
    {
        let weight = try weights.tensor("weight")
        let count = weight.count
        guard weight.rank == 1, channels.map({ $0 == count }) ?? true, count % groups == 0 else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "weight",
                message: "expected [\(channels ?? count)] with channels divisible by \(groups) groups, found \(weight.shape)")
        }
        self.weight = weight
        self.bias = try weights.tensor("bias", shape: [count])
        self.groups = groups
        self.epsilon = epsilon
    }

    /// The normalised `x` (`[N, C, ...]`).
    public func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        try groupNorm(x, groups: groups, weight: weight, bias: bias, eps: epsilon)
    }
}

/// Layer normalisation over the last dimension, read from `<prefix>weight` and `<prefix>bias` (both `[C]`).
public struct LayerNormLayer: Sendable {
    /// The per-feature scale.
    public let weight: Tensor
    /// The per-feature shift.
    public let bias: Tensor
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// Reads the layer under `weights`' scope; `features`, when given, is checked.
    /// - Throws: `ModelWeightsError` when a tensor is missing or of another size.
    public init(_ weights: ModelWeights, features: Int? = nil, epsilon: Float = 1e-5) throws(ModelWeightsError) {
        let weight = try weights.tensor("weight")
        guard weight.rank == 1, features.map({ $0 == weight.count }) ?? true else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "weight",
                message: "expected [\(features ?? weight.count)], found \(weight.shape)")
        }
        self.weight = weight
        self.bias = try weights.tensor("bias", shape: weight.shape)
        self.epsilon = epsilon
    }

    /// The normalised `x` (`[..., C]`).
    public func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        try layerNorm(x, weight: weight, bias: bias, eps: epsilon)
    }
}
