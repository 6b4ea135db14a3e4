internal import COpenBLAS
internal import CTensorKernels

/// The most bytes `scaledDotProductAttention` allocates for one block of attention scores (16 MiB).
public let attentionScoreBlockByteLimit = 16 << 20

/// How many query rows `scaledDotProductAttention` scores at once against `keys` keys: as many as keep the
/// `rows × keys` Float32 score block within `attentionScoreBlockByteLimit`, at least 1 and at most `queries`
/// (0 when `queries` is 0).
public func attentionChunkRows(queries: Int, keys: Int) -> Int {
    let perRow = max(1, keys) * MemoryLayout<Float>.size
    return min(queries, max(1, attentionScoreBlockByteLimit / perRow))
}

/// Scaled dot-product attention with PyTorch's semantics, `softmax(q · kᵀ · scale) · v`, the softmax running over
/// the keys.
///
/// `q` is `[B, H, Lq, D]`, `k` is `[B, H, Lk, D]` and `v` is `[B, H, Lk, Dv]`; the result is `[B, H, Lq, Dv]`.
/// `scale` defaults to `1 / sqrt(D)`.
///
/// Memory stays bounded: for each batch entry and head, the queries are taken in chunks of
/// `attentionChunkRows(queries:keys:)` rows, so the only extra allocation is one score block of at most
/// `attentionScoreBlockByteLimit` bytes, never the whole `Lq × Lk` matrix. Each chunk is one GEMM against `k` read
/// transposed in place, a row softmax over the block (split across cores), and one GEMM with `v` written straight
/// into the result. The GEMMs use OpenBLAS's threads and the softmax Weft's own, one after the other, so this must not
/// run at the same time as another BLAS call (see `BLASThreads`).
///
/// With no keys (`Lk` = 0) the result is all zeros; with `D` = 0 every score is 0, so each output row is the mean of
/// the value rows.
/// - Throws: `TensorError.invalidShapes` naming the three shapes when an operand is not 4-D, the batch or head
///   dimensions differ, `k`'s last dimension differs from `q`'s, `v` has a different number of rows than `k`, or a
///   dimension exceeds BLAS's 32-bit range.
public func scaledDotProductAttention(
    query q: Tensor, key k: Tensor, value v: Tensor, scale: Float? = nil
) throws(TensorError) -> Tensor {
    try scaledDotProductAttention(query: q, key: k, value: v, scale: scale, chunkRows: nil)
}

/// `scaledDotProductAttention(query:key:value:scale:)` taking at most `chunkRows` query rows per score block
/// (nil: `attentionChunkRows(queries:keys:)`), so tests can force several chunks on small inputs.
func scaledDotProductAttention(
    query q: Tensor, key k: Tensor, value v: Tensor, scale: Float?, chunkRows: Int?
) throws(TensorError) -> Tensor {
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "scaledDotProductAttention", shapes: [q.shape, k.shape, v.shape], reason: reason)
    }
    guard q.rank == 4, k.rank == 4, v.rank == 4 else {
        throw failure("query, key and value must be 4-D [B, H, L, D]")
    }
    let (batch, heads, queries, depth) = (q.shape[0], q.shape[1], q.shape[2], q.shape[3])
    let (keys, valueDepth) = (k.shape[2], v.shape[3])
    guard k.shape[0] == batch, v.shape[0] == batch, k.shape[1] == heads, v.shape[1] == heads else {
        throw failure("batch and head dimensions differ")
    }
    guard k.shape[3] == depth else {
        throw failure("query and key depths differ (\(depth) vs \(k.shape[3]))")
    }
    guard v.shape[2] == keys else {
        throw failure("key and value lengths differ (\(keys) vs \(v.shape[2]))")
    }
    guard [queries, keys, depth, valueDepth].allSatisfy({ $0 <= Int(Int32.max) }) else {
        throw failure("a dimension exceeds BLAS's 32-bit index range")
    }
    let resultShape = [batch, heads, queries, valueDepth]
    guard keys > 0, queries > 0, valueDepth > 0, batch * heads > 0 else {
        return Tensor.zeros(resultShape)
    }
    let rowsPerChunk = max(1, min(queries, chunkRows ?? attentionChunkRows(queries: queries, keys: keys)))
    let plan = AttentionPlan(
        queries: queries, keys: keys, depth: depth, valueDepth: valueDepth, rowsPerChunk: rowsPerChunk,
        scale: scale ?? 1 / Float(depth).squareRoot())
    return Tensor(shape: resultShape) { output in
        q.withUnsafeBufferPointer { qBuffer in
            k.withUnsafeBufferPointer { kBuffer in
                v.withUnsafeBufferPointer { vBuffer in
                    plan.run(
                        heads: batch * heads, q: qBuffer.baseAddress!, k: kBuffer.baseAddress!, v: vBuffer.baseAddress!,
                        output: output.baseAddress!)
                }
            }
        }
    }
}

/// The sizes of one attention computation and how it is chunked; `run` does the work.
private struct AttentionPlan {
    /// Query rows per head (`Lq`).
    let queries: Int
    /// Key and value rows per head (`Lk`).
    let keys: Int
    /// Query and key depth (`D`).
    let depth: Int
    /// Value depth (`Dv`).
    let valueDepth: Int
    /// Query rows per score block.
    let rowsPerChunk: Int
    /// The factor applied to every score before the softmax.
    let scale: Float

    /// Computes every head (`heads` = B·H of them, stored one after another) into `output`, overwriting it, through
    /// one reused score block of `rowsPerChunk × keys` floats.
    func run(
        heads: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: rowsPerChunk * keys)
        defer { scores.deallocate() }
        BLASThreads.ensureConfigured()
        for head in 0..<heads {
            let kHead = k + head * keys * depth
            let vHead = v + head * keys * valueDepth
            var start = 0
            while start < queries {
                let rows = min(rowsPerChunk, queries - start)
                let row = head * queries + start
                score(rows: rows, q: q + row * depth, k: kHead, into: scores)
                normalize(rows: rows, scores: scores)
                // out[rows, Dv] = probabilities[rows, Lk] · v[Lk, Dv], straight into the result.
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(valueDepth), Int32(keys),
                    1, scores, Int32(keys), vHead, Int32(valueDepth), 0, output + row * valueDepth, Int32(valueDepth))
                start += rows
            }
        }
    }

    /// Writes `scale · q[rows, D] · kᵀ` (k stored `[Lk, D]`, read transposed in place) into `scores`.
    private func score(rows: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>, into scores: UnsafeMutablePointer<Float>) {
        guard depth > 0 else {
            scores.update(repeating: 0, count: rows * keys)
            return
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(keys), Int32(depth),
            scale, q, Int32(depth), k, Int32(depth), 0, scores, Int32(keys))
    }

    /// Replaces each of the `rows` score rows with its softmax, in place, split across cores by row.
    private func normalize(rows: Int, scores: UnsafeMutablePointer<Float>) {
        let keys = keys
        parallelFor(count: rows, elementsPerItem: keys) { range in
            let block = scores + range.lowerBound * keys
            wt_softmax(block, block, range.count, keys)
        }
    }
}
