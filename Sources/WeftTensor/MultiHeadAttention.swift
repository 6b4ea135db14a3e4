internal import CTensorKernels

/// Multi-head scaled dot-product attention on token-major tensors, the layout linear projections produce (ComfyUI's
/// `optimized_attention(q, k, v, heads)`): `query` is `[B, Lq, H·D]`, `key` is `[B, Lk, H·D]` and `value` is
/// `[B, Lk, H·Dv]`, each token's heads side by side; the result is `[B, Lq, H·Dv]`, ready for the output projection.
/// For each head, output row `i` is `softmax(scale · q_i · kᵀ) · v` over the keys; `scale` defaults to `1 / √D`.
///
/// Equal to splitting the heads out (`[B, H, L, D]`), calling `scaledDotProductAttention` and merging them back, without
/// either copy. The heads are read in place: each thread packs one head's keys and values into its own scratch buffer
/// (about `(D + Dv) · Lk` floats) and scores blocks of queries against them in a fused kernel (scores, softmax and the
/// value product per block, in cache), with AVX-512 or AVX2/FMA where the CPU has them. Work is split across every
/// core by head and block of queries, so this must not run at the same time as a BLAS call (see `BLASThreads`).
///
/// With no keys (`Lk` = 0) the result is all zeros.
/// - Throws: `TensorError.invalidShapes` naming the three shapes when an operand is not 3-D, the batch sizes differ,
///   the keys and values have different lengths, the query and key widths differ or are 0, `heads` is below 1 or does
///   not divide the query and value widths, or a size reaches 2³¹.
public func multiHeadAttention(query q: Tensor, key k: Tensor, value v: Tensor, heads: Int, scale: Float? = nil)
    throws(TensorError) -> Tensor
{
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "multiHeadAttention", shapes: [q.shape, k.shape, v.shape], reason: reason)
    }
    guard q.rank == 3, k.rank == 3, v.rank == 3 else {
        throw failure("query, key and value must be 3-D [B, L, heads · depth]")
    }
    let (batch, queries, width) = (q.shape[0], q.shape[1], q.shape[2])
    let (keys, valueWidth) = (k.shape[1], v.shape[2])
    guard k.shape[0] == batch, v.shape[0] == batch else {
        throw failure("batch sizes differ")
    }
    guard v.shape[1] == keys else {
        throw failure("key and value lengths differ (\(keys) vs \(v.shape[1]))")
    }
    guard k.shape[2] == width, width > 0 else {
        throw failure("query and key widths must be equal and at least 1 (\(width) vs \(k.shape[2]))")
    }
    guard heads >= 1, width % heads == 0, valueWidth % heads == 0 else {
        throw failure("\(heads) heads do not divide the query width \(width) and value width \(valueWidth)")
    }
    guard [batch, queries, keys, width, valueWidth].allSatisfy({ $0 < Int(Int32.max) }) else {
        throw failure("a size reaches 2³¹")
    }
    let resultShape = [batch, queries, valueWidth]
    guard batch > 0, queries > 0, keys > 0, valueWidth > 0 else {
        return Tensor.zeros(resultShape)
    }
    var geometry = wt_attention_geometry(
        kernel: wt_attention_fastest_kernel(), batch: batch, heads: heads, queries: queries, keys: keys, depth: width / heads,
        value_depth: valueWidth / heads, query_stride: width, key_stride: width, value_stride: valueWidth, output_stride: valueWidth,
        scale: scale ?? 1 / Float(width / heads).squareRoot(), block_rows: 0, items: 0, scratch_floats: 0)
    wt_attention_prepare(&geometry)
    let plan = geometry
    return Tensor(shape: resultShape) { output in
        q.withUnsafeBufferPointer { qBuffer in
            k.withUnsafeBufferPointer { kBuffer in
                v.withUnsafeBufferPointer { vBuffer in
                    // Every operand holds elements here (all sizes are at least 1), so every base address exists.
                    let (query, key, value) = (qBuffer.baseAddress!, kBuffer.baseAddress!, vBuffer.baseAddress!)
                    let result = output.baseAddress!
                    let work = plan.block_rows * keys * (width + valueWidth) / heads
                    parallelFor(count: plan.items, elementsPerItem: work) { items in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: plan.scratch_floats)
                        defer { scratch.deallocate() }
                        withUnsafePointer(to: plan) { planPointer in
                            wt_attention(planPointer, query, key, value, result, items.lowerBound, items.count, scratch)
                        }
                    }
                }
            }
        }
    }
}
