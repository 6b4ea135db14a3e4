import WeftTensor

/// A spatial transformer's `proj_in` or `proj_out`: a per-position linear map between channel counts, stored as a 1×1
/// convolution (`[out, in, 1, 1]`, SD1.x) or a linear layer (`[out, in]`, SD2.x). Both are the same matrix, so either
/// kind converts between the channels-first image layout and the tokens-last layout with one GEMM per image, with no
/// transposing copy.
struct ChannelProjection: Sendable {
    /// The matrix, `[out, in]`.
    let weight: Tensor
    /// The bias, `[out]`.
    let bias: Tensor

    /// Reads `<scope>weight` and `<scope>bias`; `linear` says whether the weight is stored 2-D or as a 1×1 kernel.
    /// - Throws: `ModelWeightsError` naming the key when a tensor is missing or has another shape.
    init(_ weights: ModelWeights, inChannels: Int, outChannels: Int, linear: Bool) throws(ModelWeightsError) {
        let stored = try weights.tensor("weight", shape: linear ? [outChannels, inChannels] : [outChannels, inChannels, 1, 1])
        do {
            weight = try stored.reshaped([outChannels, inChannels])
        } catch {
            throw ModelWeightsError(component: weights.component, key: weights.prefix + "weight", message: "\(error)")
        }
        bias = try weights.tensor("bias", shape: [outChannels])
    }

    /// `image` (`[B, in, N]`, channels first) projected to tokens, `[B, N, out]`.
    func tokens(fromChannelsFirst image: Tensor) throws(TensorError) -> Tensor {
        var result = try matmul(image, weight, transposeA: true, transposeB: true)
        try result += bias
        return result
    }

    /// `tokens` (`[B, N, in]`) projected back to the channels-first layout, `[B, out, N]`.
    func channelsFirst(fromTokens tokens: Tensor) throws(TensorError) -> Tensor {
        var result = try matmul(weight, tokens, transposeB: true)
        try result += bias.reshaped([bias.count, 1])
        return result
    }
}
