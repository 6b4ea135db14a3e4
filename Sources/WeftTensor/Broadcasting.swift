/// The shape two operands broadcast to, by NumPy's and PyTorch's rules: the shapes are aligned at their last
/// dimensions, missing leading dimensions count as 1, and in each dimension the sizes must be equal or one of them 1
/// (which stretches to the other, also to 0).
/// - Throws: `TensorError.invalidShapes` naming `operation`, both shapes and the first dimension that does not fit.
func broadcastShape(_ a: [Int], _ b: [Int], operation: String) throws(TensorError) -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for fromEnd in stride(from: 1, through: rank, by: 1) {
        let left = fromEnd <= a.count ? a[a.count - fromEnd] : 1
        let right = fromEnd <= b.count ? b[b.count - fromEnd] : 1
        guard left == right || left == 1 || right == 1 else {
            throw .invalidShapes(
                operation: operation, shapes: [a, b],
                reason: "sizes \(left) and \(right) at dimension -\(fromEnd) differ and neither is 1, so they do not broadcast")
        }
        result[rank - fromEnd] = left == 1 ? right : left
    }
    return result
}

/// The strides that read an operand of `shape` (with `strides`) as if it had `target`'s shape: new leading
/// dimensions and stretched size-1 dimensions get stride 0. `shape` must broadcast to `target`.
func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
    let leading = target.count - shape.count
    return target.indices.map { dimension in
        guard dimension >= leading else { return 0 }
        let own = dimension - leading
        return shape[own] == target[dimension] ? strides[own] : 0
    }
}
