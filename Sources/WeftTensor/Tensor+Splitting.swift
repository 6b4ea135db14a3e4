/// Cutting a tensor into consecutive pieces along one dimension (the inverse of `concat(_:dimension:)`). Each piece
/// is copied into its own storage; for pieces without a copy, use `view.narrowed(dimension:start:length:)`.
extension Tensor {
    /// Consecutive pieces of the given sizes along `dimension` (PyTorch's `split` with a list of sizes; -1 is the last
    /// dimension). The sizes must add up to the dimension's size; a size may be 0.
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range, a size is negative, or the sizes do not
    ///   add up to the dimension's size.
    public func split(sizes: [Int], dimension: Int) throws(TensorError) -> [Tensor] {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "split", shapes: [shape], reason: reason)
        }
        let axis = try resolvedDimension(dimension, rank: rank, failure: failure)
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[axis] else {
            throw failure("sizes \(sizes) must be ≥ 0 and add up to \(shape[axis]), the size of dimension \(dimension)")
        }
        var pieces: [Tensor] = []
        var start = 0
        for size in sizes {
            pieces.append(try narrowed(dimension: axis, start: start, length: size))
            start += size
        }
        return pieces
    }

    /// `chunks` pieces of equal size along `dimension` (PyTorch's `chunk` when the size divides evenly; -1 is the
    /// last dimension), e.g. a batch of conditional and unconditional predictions split back into two.
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range, `chunks` is below 1, or it does not
    ///   divide the dimension's size.
    public func split(chunks: Int, dimension: Int) throws(TensorError) -> [Tensor] {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "split", shapes: [shape], reason: reason)
        }
        let axis = try resolvedDimension(dimension, rank: rank, failure: failure)
        guard chunks >= 1, shape[axis] % chunks == 0 else {
            throw failure("\(chunks) chunks must be ≥ 1 and divide \(shape[axis]), the size of dimension \(dimension)")
        }
        return try split(sizes: [Int](repeating: shape[axis] / chunks, count: chunks), dimension: axis)
    }
}
