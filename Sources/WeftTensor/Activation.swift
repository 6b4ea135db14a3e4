internal import CTensorKernels

/// Which formula `gelu(_:approximation:)` evaluates.
public enum GELUApproximation: Sendable, Equatable {
    /// The exact form, `x · Φ(x) = x · (1 + erf(x / √2)) / 2` (PyTorch's `approximate="none"`).
    case none
    /// The tanh approximation, `x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))) / 2` (PyTorch's `approximate="tanh"`).
    case tanh
}

/// SiLU (swish), `x · sigmoid(x)`, element-wise. Large tensors use every core, so this must not run at the same time as
/// a BLAS call (see `BLASThreads`).
///
/// Like the other activations, it evaluates Weft's own vectorised exp (and erf for GELU), eight lanes at a time with
/// AVX2/FMA where the CPU has them: results are within about 2e-7 of the exact values relative to max(1, |result|),
/// +infinity gives +infinity and -infinity gives NaN (-infinity · 0, as in PyTorch).
public func silu(_ x: Tensor) -> Tensor {
    elementwise(x, wt_silu)
}

/// GELU, element-wise, in the exact erf form or the tanh approximation. Large tensors use every core, so this must not
/// run at the same time as a BLAS call (see `BLASThreads`).
public func gelu(_ x: Tensor, approximation: GELUApproximation = .none) -> Tensor {
    switch approximation {
    case .none: elementwise(x, wt_gelu_erf)
    case .tanh: elementwise(x, wt_gelu_tanh)
    }
}

/// Quick-GELU, `x · sigmoid(1.702 · x)` (CLIP's activation), element-wise. Large tensors use every core, so this must
/// not run at the same time as a BLAS call (see `BLASThreads`).
public func quickGELU(_ x: Tensor) -> Tensor {
    elementwise(x, wt_quick_gelu)
}

/// Softmax over the last dimension of `x`: each row's maximum is subtracted before exponentiating, so large inputs
/// stay finite, -infinity gives 0 (a masked position), and the row sum is accumulated in double. A row holding NaN or
/// +infinity, or only -infinity, comes out NaN. Large tensors are split across every core by row, so this
/// must not run at the same time as a BLAS call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` when `x` has no dimensions.
public func softmax(_ x: Tensor) throws(TensorError) -> Tensor {
    guard let features = x.shape.last else {
        throw .invalidShapes(operation: "softmax", shapes: [x.shape], reason: "input must have at least one dimension")
    }
    guard x.count > 0 else { return x }
    let rows = x.count / features
    return Tensor(shape: x.shape) { output in
        x.withUnsafeBufferPointer { input in
            let (source, target) = (input.baseAddress!, output.baseAddress!)
            parallelFor(count: rows, elementsPerItem: features) { range in
                wt_softmax(source + range.lowerBound * features, target + range.lowerBound * features, range.count, features, 1)
            }
        }
    }
}

/// A tensor shaped like `x` holding `kernel` applied to each of its elements, split across cores for large tensors.
private func elementwise(
    _ x: Tensor, _ kernel: @convention(c) (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void
) -> Tensor {
    guard x.count > 0 else { return x }
    return Tensor(shape: x.shape) { output in
        x.withUnsafeBufferPointer { input in
            let (source, target) = (input.baseAddress!, output.baseAddress!)
            parallelFor(count: x.count, elementsPerItem: 1) { range in
                kernel(source + range.lowerBound, target + range.lowerBound, range.count)
            }
        }
    }
}
