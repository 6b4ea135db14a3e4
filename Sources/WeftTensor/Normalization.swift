internal import CTensorKernels

/// Group normalisation with PyTorch's semantics: `x` is `[N, C, ...]`, its `C` channels are split into `groups` equal
/// groups, and each sample's group is normalised with the mean and biased variance over its channels and spatial
/// positions, `(x - mean) / sqrt(variance + eps)`, then channel `c` is scaled by `weight[c]` and shifted by
/// `bias[c]`.
///
/// Statistics are computed in double precision. Each group is read from memory once: the pass writing one group's
/// output also takes the next group's statistics (AVX2/FMA where the CPU has them), and the group itself is read again
/// from cache. Large tensors are split across every core by group, so this must not run at the same time as a BLAS
/// call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` naming the shapes when `x` has fewer than two dimensions, `groups` does not
///   divide `C`, or `weight`/`bias` is not `[C]`.
public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws(TensorError) -> Tensor {
    let shapes = [x.shape] + [weight, bias].compactMap { $0?.shape }
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "groupNorm", shapes: shapes, reason: reason)
    }
    guard x.rank >= 2 else {
        throw failure("input must be [N, C, ...] with at least two dimensions")
    }
    let channels = x.shape[1]
    guard groups >= 1, channels % groups == 0 else {
        throw failure("\(channels) channels do not divide into \(groups) groups")
    }
    try checkAffine(weight, bias, features: channels, failure: failure)
    let instances = x.shape[0] * groups
    let spatial = x.shape.dropFirst(2).reduce(1, *)
    return normalized(x, weight: weight, bias: bias) { input, output, weights, biases in
        parallelFor(count: instances, elementsPerItem: channels / groups * spatial) { range in
            wt_group_norm(input, output, channels, spatial, groups, range.lowerBound, range.upperBound, weights, biases, eps)
        }
    }
}

/// Layer normalisation over the last dimension: each row of `x` (`[..., D]`) is normalised with its mean and biased
/// variance, `(x - mean) / sqrt(variance + eps)`, then element `j` is scaled by `weight[j]` and shifted by `bias[j]`.
///
/// Statistics are computed in double precision. Large tensors are split across every core by row, so this must not
/// run at the same time as a BLAS call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` naming the shapes when `x` has no dimensions or `weight`/`bias` is not `[D]`.
public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) throws(TensorError) -> Tensor {
    let shapes = [x.shape] + [weight, bias].compactMap { $0?.shape }
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "layerNorm", shapes: shapes, reason: reason)
    }
    guard let features = x.shape.last else {
        throw failure("input must have at least one dimension")
    }
    try checkAffine(weight, bias, features: features, failure: failure)
    let rows = features == 0 ? 0 : x.count / features
    return normalized(x, weight: weight, bias: bias) { input, output, weights, biases in
        parallelFor(count: rows, elementsPerItem: features) { range in
            wt_layer_norm(
                input + range.lowerBound * features, output + range.lowerBound * features, range.count, features, weights, biases, eps)
        }
    }
}

/// Checks that `weight` and `bias`, when given, are both `[features]`.
private func checkAffine(
    _ weight: Tensor?, _ bias: Tensor?, features: Int, failure: (String) -> TensorError
) throws(TensorError) {
    if let weight, weight.shape != [features] {
        throw failure("weight must be [\(features)]")
    }
    if let bias, bias.shape != [features] {
        throw failure("bias must be [\(features)]")
    }
}

/// A tensor shaped like `x` whose elements `kernel` writes from `x`'s, given the input, output, weight and bias
/// pointers (the last two nil when absent). An empty `x` is returned as it is.
private func normalized(
    _ x: Tensor, weight: Tensor?, bias: Tensor?,
    kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafePointer<Float>?, UnsafePointer<Float>?) -> Void
) -> Tensor {
    guard x.count > 0 else { return x }
    return Tensor(shape: x.shape) { output in
        x.withUnsafeBufferPointer { input in
            withScalars(weight) { weights in
                withScalars(bias) { biases in
                    kernel(input.baseAddress!, output.baseAddress!, weights, biases)
                }
            }
        }
    }
}

/// Calls `body` with a pointer to `tensor`'s elements, or with nil when there is no tensor.
private func withScalars<Result>(_ tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let tensor else { return body(nil) }
    return tensor.withUnsafeBufferPointer { buffer in body(buffer.baseAddress) }
}
