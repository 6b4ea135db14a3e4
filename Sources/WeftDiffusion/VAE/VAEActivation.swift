import WeftTensor

extension GroupNormLayer {
    /// `silu(self(x))`, the pre-activation every VAE convolution block starts with, as a new tensor.
    func activated(_ x: Tensor) throws(TensorError) -> Tensor {
        try groupNormSiLU(x, groups: groups, weight: weight, bias: bias, eps: epsilon)
    }

    /// `silu(self(x))` written over `x`, for a tensor that is no longer needed otherwise.
    func activate(_ x: inout Tensor) throws(TensorError) {
        try groupNormSiLU(inPlace: &x, groups: groups, weight: weight, bias: bias, eps: epsilon)
    }
}
