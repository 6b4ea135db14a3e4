internal import CTensorKernels

/// The GELU-gated linear unit (GEGLU) over the last dimension: `x` is `[..., 2F]`, its last dimension split into
/// values `a` (the first `F`) and gates `g` (the last `F`), and the result `[..., F]` is `a · GELU(g)` with GELU in its
/// exact erf form, as `gelu(_:)` computes it (PyTorch's `a * F.gelu(g)` after `chunk(2, dim=-1)`). One pass over `x`
/// with no intermediate tensors. Large tensors are split across every core by row, so this must not run at the same
/// time as a BLAS call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` when `x` has no dimensions or its last dimension is odd.
public func geglu(_ x: Tensor) throws(TensorError) -> Tensor {
    guard let doubled = x.shape.last, doubled % 2 == 0 else {
        throw .invalidShapes(operation: "geglu", shapes: [x.shape], reason: "the last dimension must be even, values then gates")
    }
    let width = doubled / 2
    let resultShape = Array(x.shape.dropLast()) + [width]
    guard width > 0, x.count > 0 else {
        return Tensor.zeros(resultShape)
    }
    let rows = x.count / doubled
    return Tensor(shape: resultShape) { output in
        x.withUnsafeBufferPointer { input in
            // Both buffers hold elements here, so both base addresses exist.
            let (source, target) = (input.baseAddress!, output.baseAddress!)
            parallelFor(count: rows, elementsPerItem: doubled) { range in
                wt_geglu(source + range.lowerBound * doubled, target + range.lowerBound * width, range.count, width)
            }
        }
    }
}
