/// The matrix product of `a` and `b` through `cblas_sgemm`.
///
/// Shapes (with `transposeA`/`transposeB` false):
/// - `[M, K] × [K, N] → [M, N]`;
/// - `[B, M, K] × [B, K, N] → [B, M, N]` (one GEMM per batch entry);
/// - `[B, M, K] × [K, N] → [B, M, N]` and `[M, K] × [B, K, N] → [B, M, N]`: the 2-D operand is broadcast across the
///   batch (without transposes on the left, `[B, M, K] × [K, N]` is a single `[B·M, K] × [K, N]` GEMM).
///
/// `transposeA` reads `a`'s last two dimensions as stored `[K, M]`, `transposeB` reads `b`'s as stored `[N, K]`: the
/// transpose is passed to BLAS (CblasTrans), no element is copied. A dimension of 0 gives an empty or all-zero result.
/// - Throws: `TensorError.invalidShapes` naming both shapes when an operand is not 2-D or 3-D, the inner or batch
///   dimensions differ, or a dimension exceeds BLAS's 32-bit range.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws(TensorError) -> Tensor {
    let operation =
        transposeA || transposeB ? "matmul(transposeA: \(transposeA), transposeB: \(transposeB))" : "matmul"
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: operation, shapes: [a.shape, b.shape], reason: reason)
    }
    guard (2...3).contains(a.rank), (2...3).contains(b.rank) else {
        throw failure("operands must be 2-D or 3-D")
    }
    let aRows = a.shape[a.rank - 2]
    let aColumns = a.shape[a.rank - 1]
    let bRows = b.shape[b.rank - 2]
    let bColumns = b.shape[b.rank - 1]
    let (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
    let (innerB, n) = transposeB ? (bColumns, bRows) : (bRows, bColumns)
    guard k == innerB else {
        throw failure("inner dimensions differ (\(k) vs \(innerB))")
    }
    let aBatch = a.rank == 3 ? a.shape[0] : nil
    let bBatch = b.rank == 3 ? b.shape[0] : nil
    if let aBatch, let bBatch, aBatch != bBatch {
        throw failure("batch dimensions differ (\(aBatch) vs \(bBatch))")
    }
    let gemm = GEMM(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
    guard gemm.fitsBLASIndices else {
        throw failure("a dimension exceeds BLAS's 32-bit index range")
    }

    let batch = aBatch ?? bBatch
    let resultShape = batch.map { [$0, m, n] } ?? [m, n]
    guard k > 0 else {
        return Tensor.zeros(resultShape)
    }
    var plan = gemm
    var batches = batch ?? 1
    if batch != nil, bBatch == nil, !transposeA, batches * m <= Int(Int32.max) {
        plan.m = batches * m
        batches = 1
    }
    return Tensor(shape: resultShape) { output in
        multiply(a, b, into: output, gemm: plan, batches: batches)
    }
}

/// Runs `gemm` once per batch entry, overwriting `output`; a 3-D operand advances by one matrix per entry, a 2-D one
/// is reused.
private func multiply(_ a: Tensor, _ b: Tensor, into output: UnsafeMutableBufferPointer<Float>, gemm: GEMM, batches: Int) {
    let aStep = a.rank == 3 ? gemm.m * gemm.k : 0
    let bStep = b.rank == 3 ? gemm.k * gemm.n : 0
    let cStep = gemm.m * gemm.n
    a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
            guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress, let cBase = output.baseAddress else {
                return
            }
            for entry in 0..<batches {
                gemm.run(a: aBase + entry * aStep, b: bBase + entry * bStep, c: cBase + entry * cStep, beta: 0)
            }
        }
    }
}
