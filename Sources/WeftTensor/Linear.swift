/// A fully connected layer, `x · weightᵀ + bias`, with PyTorch's weight layout.
///
/// `x` is `[..., in]` (any number of leading dimensions, at least one dimension in all), `weight` is `[out, in]`
/// and `bias`, when given, is `[out]`; the result is `[..., out]`. The weight is read transposed in place by
/// `cblas_sgemm`, and the bias is written into the result before the GEMM accumulates onto it.
/// - Throws: `TensorError.invalidShapes` naming the shapes when `weight` is not 2-D, `x`'s last dimension differs
///   from `weight`'s second, `bias` is not `[out]`, or a dimension exceeds BLAS's 32-bit range.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
    let shapes = [x.shape, weight.shape] + (bias.map { [$0.shape] } ?? [])
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "linear", shapes: shapes, reason: reason)
    }
    guard x.rank >= 1 else {
        throw failure("input must have at least one dimension")
    }
    guard weight.rank == 2 else {
        throw failure("weight must be 2-D [out, in]")
    }
    let outFeatures = weight.shape[0]
    let inFeatures = weight.shape[1]
    guard x.shape[x.rank - 1] == inFeatures else {
        throw failure("input features \(x.shape[x.rank - 1]) differ from weight's \(inFeatures)")
    }
    if let bias, bias.shape != [outFeatures] {
        throw failure("bias must be [\(outFeatures)]")
    }
    let rows = x.shape.dropLast().reduce(1, *)
    let gemm = GEMM(m: rows, n: outFeatures, k: inFeatures, transposeA: false, transposeB: true)
    guard gemm.fitsBLASIndices else {
        throw failure("a dimension exceeds BLAS's 32-bit index range")
    }

    let outputShape = Array(x.shape.dropLast()) + [outFeatures]
    var result: Tensor
    if let bias {
        var repeated: [Float] = []
        repeated.reserveCapacity(rows * outFeatures)
        for _ in 0..<rows { repeated.append(contentsOf: bias.scalars) }
        result = try Tensor(shape: outputShape, values: repeated)
    } else {
        result = Tensor.zeros(outputShape)
    }
    x.withUnsafeBufferPointer { xBuffer in
        weight.withUnsafeBufferPointer { weightBuffer in
            result.withUnsafeMutableBufferPointer { output in
                guard let xBase = xBuffer.baseAddress, let weightBase = weightBuffer.baseAddress, let outputBase = output.baseAddress else {
                    return
                }
                gemm.run(a: xBase, b: weightBase, c: outputBase, beta: bias == nil ? 0 : 1)
            }
        }
    }
    return result
}
