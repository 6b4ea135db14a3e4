import WeftTensor

/// Multi-head self-attention in which each position sees only itself and the positions before it, read from
/// `q_proj.`, `k_proj.`, `v_proj.` and `out_proj.` (each `[width, width]` with bias).
///
/// The sequences are short (77 tokens), so each head's whole score matrix is formed at once: one batched GEMM for
/// the scores, the causal mask added, a row softmax, one batched GEMM with the values.
struct CausalSelfAttention: Sendable {
    /// `q_proj`: the queries.
    let query: LinearLayer
    /// `k_proj`: the keys.
    let key: LinearLayer
    /// `v_proj`: the values.
    let value: LinearLayer
    /// `out_proj`: mixes the heads' outputs back into the width.
    let output: LinearLayer
    /// The number of heads the width is split into.
    let heads: Int

    /// Reads the four projections under `weights`' scope.
    /// - Throws: `ModelWeightsError` naming the key when a projection is missing or not `[width, width]`, or when
    ///   `width` does not divide into `heads` heads.
    init(_ weights: ModelWeights, width: Int, heads: Int) throws(ModelWeightsError) {
        guard heads >= 1, width % heads == 0 else {
            throw ModelWeightsError(
                component: weights.component, key: weights.prefix + "q_proj.weight",
                message: "width \(width) does not divide into \(heads) attention heads")
        }
        query = try LinearLayer(weights.scoped("q_proj."), inFeatures: width, outFeatures: width)
        key = try LinearLayer(weights.scoped("k_proj."), inFeatures: width, outFeatures: width)
        value = try LinearLayer(weights.scoped("v_proj."), inFeatures: width, outFeatures: width)
        output = try LinearLayer(weights.scoped("out_proj."), inFeatures: width, outFeatures: width)
        self.heads = heads
    }

    /// The attention output for `x` (`[batch, length, width]`), with `mask` (`[length, length]`, see
    /// `causalMask(length:)`) added to every head's scores.
    func callAsFunction(_ x: Tensor, mask: Tensor) throws(TensorError) -> Tensor {
        let (batch, length, width) = (x.shape[0], x.shape[1], x.shape[2])
        let depth = width / heads
        /// `[batch, length, width]` → `[batch · heads, length, depth]`.
        func splitHeads(_ t: Tensor) throws(TensorError) -> Tensor {
            try t.reshaped([batch, length, heads, depth]).permuted([0, 2, 1, 3]).reshaped([batch * heads, length, depth])
        }
        var queries = try query(x)
        queries *= 1 / Float(depth).squareRoot()
        var scores = try matmul(splitHeads(queries), splitHeads(key(x)), transposeB: true)
        try scores += mask
        let mixed = try matmul(softmax(scores), splitHeads(value(x)))
        let merged = try mixed.reshaped([batch, heads, length, depth]).permuted([0, 2, 1, 3]).reshaped([batch, length, width])
        return try output(merged)
    }
}

/// The `[length, length]` mask that keeps a position from attending to later ones: 0 on and below the diagonal,
/// -infinity above it, added to attention scores before the softmax.
func causalMask(length: Int) -> Tensor {
    var mask = Tensor.zeros([length, length])
    for row in 0..<length {
        for column in (row + 1)..<length {
            mask[row, column] = -.infinity
        }
    }
    return mask
}
