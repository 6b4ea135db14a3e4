internal import CTensorKernels

/// Group normalisation followed by SiLU, `silu(groupNorm(x, groups:weight:bias:eps:))`: the pre-activation of a
/// residual block (the VAE's and the UNet's `norm → SiLU → conv`) in one pass over `x`, without the intermediate tensor.
///
/// Each group (one sample's `C / groups` channels, contiguous in `[N, C, ...]`) is normalised with its mean and biased
/// variance, scaled and shifted per channel, then passed through SiLU while it is still in cache. The kernels are
/// those of `groupNorm` (statistics in double) and `silu`, so results agree with theirs to float rounding. Large
/// tensors are split across every core by group, so this must not run at the same time as a BLAS call (see
/// `BLASThreads`). `groupNormSiLU(inPlace:groups:weight:bias:eps:)` writes over `x` instead.
/// - Throws: `TensorError.invalidShapes` naming the shapes when `x` has fewer than two dimensions, `groups` does not
///   divide `C`, or `weight`/`bias` is not `[C]`.
public func groupNormSiLU(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor, eps: Float = 1e-5) throws(TensorError) -> Tensor {
    let layout = try GroupLayout(x, groups: groups, weight: weight, bias: bias)
    guard layout.groupLength > 0, layout.instances > 0 else { return x }
    return Tensor(shape: x.shape) { output in
        x.withUnsafeBufferPointer { input in
            layout.normalize(input.baseAddress!, into: output.baseAddress!, weight: weight, bias: bias, eps: eps)
        }
    }
}

/// `groupNormSiLU(_:groups:weight:bias:eps:)` written over `x`'s storage, so no second tensor of `x`'s size is
/// allocated when `x` does not share its storage (otherwise `x` is first copied, as any mutation of a shared tensor is).
/// - Throws: `TensorError.invalidShapes` in the cases `groupNormSiLU(_:groups:weight:bias:eps:)` throws; `x` is then
///   unchanged.
public func groupNormSiLU(inPlace x: inout Tensor, groups: Int, weight: Tensor, bias: Tensor, eps: Float = 1e-5) throws(TensorError) {
    let layout = try GroupLayout(x, groups: groups, weight: weight, bias: bias)
    guard layout.groupLength > 0, layout.instances > 0 else { return }
    x.withUnsafeMutableBufferPointer { values in
        layout.normalize(values.baseAddress!, into: values.baseAddress!, weight: weight, bias: bias, eps: eps)
    }
}

/// How `x` (`[N, C, ...]`) splits into normalisation groups, checked against the affine parameters.
private struct GroupLayout {
    /// Channels, positions per channel (the product of the dimensions after `C`) and channel groups.
    let channels: Int, spatial: Int, groups: Int
    /// Elements per group and groups in all samples.
    let groupLength: Int, instances: Int

    /// - Throws: `TensorError.invalidShapes` when the shapes do not fit (see `groupNormSiLU`).
    init(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor) throws(TensorError) {
        guard x.rank >= 2, groups >= 1, x.shape[1] % groups == 0, weight.shape == [x.shape[1]], bias.shape == [x.shape[1]] else {
            throw .invalidShapes(
                operation: "groupNormSiLU", shapes: [x.shape, weight.shape, bias.shape],
                reason: "expected x [N, C, ...] with C divisible by \(groups) groups, and weight and bias [C]")
        }
        channels = x.shape[1]
        spatial = x.shape.dropFirst(2).reduce(1, *)
        self.groups = groups
        groupLength = channels / groups * spatial
        instances = x.shape[0] * groups
    }

    /// Normalises every group of `source` into `target` (which may be `source`) and applies SiLU, group by group.
    func normalize(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, weight: Tensor, bias: Tensor, eps: Float) {
        weight.withUnsafeBufferPointer { weights in
            bias.withUnsafeBufferPointer { biases in
                let (scale, shift) = (weights.baseAddress!, biases.baseAddress!)
                parallelFor(count: instances, elementsPerItem: groupLength) { range in
                    for group in range {
                        wt_group_norm(source, target, channels, spatial, groups, group, group + 1, scale, shift, eps)
                        wt_silu(target + group * groupLength, target + group * groupLength, groupLength)
                    }
                }
            }
        }
    }
}
