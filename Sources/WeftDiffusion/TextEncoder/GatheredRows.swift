import WeftTensor

/// The rows `indices` of the matrix `table` (`[R, C]`), stacked in order into `[indices.count, C]`: an embedding
/// lookup, or picking one position out of each sequence.
/// - Throws: `TensorError.invalidShapes` when `table` is not 2-D or an index is outside `0 ..< R`.
func gatheredRows(_ table: Tensor, _ indices: [Int]) throws(TensorError) -> Tensor {
    guard table.rank == 2 else {
        throw .invalidShapes(operation: "gatheredRows", shapes: [table.shape], reason: "the table must be 2-D [rows, columns]")
    }
    let (rows, columns) = (table.shape[0], table.shape[1])
    if let outside = indices.first(where: { !(0..<rows).contains($0) }) {
        throw .invalidShapes(operation: "gatheredRows", shapes: [table.shape], reason: "row \(outside) is outside 0 ..< \(rows)")
    }
    let scalars = table.scalars
    var values: [Float] = []
    values.reserveCapacity(indices.count * columns)
    for index in indices {
        values.append(contentsOf: scalars[index * columns..<(index + 1) * columns])
    }
    return try Tensor(shape: [indices.count, columns], values: values)
}
