import WeftTensor

extension Tensor {
    /// This tensor with its first dimension repeated (or cut) to `batch` rows, as ComfyUI's `repeat_to_batch_size`
    /// fits a conditioning or mask to a latent batch.
    /// - Throws: `TensorError` when the tensor has no rows.
    func repeatedToBatch(_ batch: Int) throws(TensorError) -> Tensor {
        let rows = shape.first ?? 0
        guard rows != batch else { return self }
        guard rows > 0 else {
            throw .invalidShapes(operation: "repeat to batch", shapes: [shape], reason: "there are no rows to repeat")
        }
        if rows > batch { return try narrowed(dimension: 0, start: 0, length: batch) }
        let copies = [Tensor](repeating: self, count: (batch + rows - 1) / rows)
        return try concat(copies, dimension: 0).narrowed(dimension: 0, start: 0, length: batch)
    }
}
