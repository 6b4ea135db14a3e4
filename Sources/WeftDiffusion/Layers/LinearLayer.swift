public import WeftTensor

/// A fully connected layer read from `<prefix>weight` ([out, in]) and, when present, `<prefix>bias` ([out]).
public struct LinearLayer: Sendable {
    /// The weight, `[out, in]`.
    public let weight: Tensor
    /// The bias, `[out]`, or nil when the checkpoint has none.
    public let bias: Tensor?

    /// Reads the layer under `weights`' scope; `inFeatures`/`outFeatures`, when given, are checked.
    /// - Throws: `ModelWeightsError` when the weight is missing, not 2-D or of another size, or the bias does not fit.
    public init(_ weights: ModelWeights, inFeatures: Int? = nil, outFeatures: Int? = nil) throws(ModelWeightsError) {
        let weight = try weights.tensor("weight")
        guard weight.rank == 2, inFeatures.map({ $0 == weight.shape[1] }) ?? true,
            outFeatures.map({ $0 == weight.shape[0] }) ?? true
        else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "weight",
                message: "expected shape [\(outFeatures.map(String.init) ?? "out"), \(inFeatures.map(String.init) ?? "in")], found \(weight.shape)")
        }
        self.weight = weight
        self.bias = weights.contains("bias") ? try weights.tensor("bias", shape: [weight.shape[0]]) : nil
    }

    /// The number of input features.
    public var inFeatures: Int { weight.shape[1] }
    /// The number of output features.
    public var outFeatures: Int { weight.shape[0] }

    /// `x · weightᵀ + bias` over the last dimension of `x`.
    public func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        try linear(x, weight: weight, bias: bias)
    }
}
