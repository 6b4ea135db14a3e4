internal import CTensorKernels
import Synchronization

/// The most bytes `scaledDotProductAttention` allocates for one block of attention scores (1 MiB): small enough to
/// stay in a core's cache between the GEMM that writes it, the softmax and the GEMM that reads it. Each thread has
/// one block, so the extra memory is at most this times the number of cores.
public let attentionScoreBlockByteLimit = 1 << 20

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
/// `attentionChunkRows(queries:keys:)` rows, and each thread scores its chunks in one reused block of at most
/// `attentionScoreBlockByteLimit` bytes, never the whole `Lq × Lk` matrix. A chunk is one GEMM against `k` read
/// transposed in place, a vectorised row softmax with the scale folded in, and one GEMM with `v` written straight into
/// the result, all while the block is in cache. The chunks of every head are split across the cores, each core running
/// single-threaded GEMMs: when there are several chunks and their GEMMs are large enough for OpenBLAS to thread them,
/// `BLASThreads` is set to 1 for the call and restored afterwards, so OpenBLAS's threads and Weft's never compete for
/// the cores. This must not run at the same time as another BLAS call (see `BLASThreads`).
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

    /// Computes every head (`heads` = B·H of them, stored one after another) into `output`, overwriting it: the
    /// (head, chunk) pairs are split across the cores, each thread with its own block of `rowsPerChunk × keys` floats
    /// and OpenBLAS on one thread.
    func run(
        heads: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let chunksPerHead = (queries + rowsPerChunk - 1) / rowsPerChunk
        let items = heads * chunksPerHead
        let largestGEMM = rowsPerChunk * keys * max(depth, valueDepth)
        OneThreadBLAS.run(when: items > 1 && largestGEMM > OneThreadBLAS.singleThreadedGEMMLimit) {
            parallelFor(count: items, elementsPerItem: rowsPerChunk * keys * (depth + valueDepth)) { range in
                computeChunks(range, chunksPerHead: chunksPerHead, q: q, k: k, v: v, output: output)
            }
        }
    }

    /// Computes the (head, chunk) pairs numbered `items` (head-major) through one score block of its own.
    private func computeChunks(
        _ items: Range<Int>, chunksPerHead: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: rowsPerChunk * keys)
        defer { scores.deallocate() }
        for item in items {
            let (head, chunk) = item.quotientAndRemainder(dividingBy: chunksPerHead)
            let start = chunk * rowsPerChunk
            let rows = min(rowsPerChunk, queries - start)
            let row = head * queries + start
            score(rows: rows, q: q + row * depth, k: k + head * keys * depth, into: scores)
            wt_softmax(scores, scores, rows, keys, scale)
            // out[rows, Dv] = probabilities[rows, Lk] · v[Lk, Dv], straight into the result.
            GEMM(m: rows, n: valueDepth, k: keys, transposeA: false, transposeB: false)
                .run(a: scores, b: v + head * keys * valueDepth, c: output + row * valueDepth, beta: 0)
        }
    }

    /// Writes `q[rows, D] · kᵀ` (k stored `[Lk, D]`, read transposed in place) into `scores`; zeros when `D` is 0.
    private func score(rows: Int, q: UnsafePointer<Float>, k: UnsafePointer<Float>, into scores: UnsafeMutablePointer<Float>) {
        guard depth > 0 else {
            scores.update(repeating: 0, count: rows * keys)
            return
        }
        GEMM(m: rows, n: keys, k: depth, transposeA: false, transposeB: true).run(a: q, b: k, c: scores, beta: 0)
    }
}

/// Keeps OpenBLAS on one thread while attention runs its GEMMs on Weft's own threads, one per core.
///
/// Calls may overlap (tests run concurrently): the first to enter records `BLASThreads.count` and sets 1, the last to
/// leave restores the recorded count.
private enum OneThreadBLAS {
    /// How many calls are inside `run`, and the thread count to restore when the last leaves.
    private static let state = Mutex((callers: 0, restore: 1))

    /// The largest GEMM, in multiply-adds (M·N·K), that OpenBLAS runs on the calling thread whatever its thread count
    /// (`GEMM_MULTITHREAD_THRESHOLD`, 4 by default, × 65,536): attention whose GEMMs are no larger leaves the count
    /// alone.
    static let singleThreadedGEMMLimit = 4 * 65536

    /// Runs `body` with OpenBLAS on one thread when `needed`, otherwise just runs it.
    static func run(when needed: Bool, _ body: () -> Void) {
        guard needed else { return body() }
        state.withLock { state in
            if state.callers == 0 {
                state.restore = BLASThreads.count
                BLASThreads.set(1)
            }
            state.callers += 1
        }
        defer {
            state.withLock { state in
                state.callers -= 1
                if state.callers == 0 { BLASThreads.set(state.restore) }
            }
        }
        body()
    }
}
