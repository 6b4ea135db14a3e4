/// The tensors joined end to end along `dimension` (PyTorch's `cat`; -1 is the last dimension): every tensor must
/// have the same rank and the same sizes in every other dimension, and the result's size along `dimension` is the
/// sum of theirs. Tensors of size 0 along it contribute nothing. The elements are copied into new storage (strided
/// copies in C, split across cores when large, so this must not run at the same time as a BLAS call).
/// - Throws: `TensorError.invalidShapes` naming every shape when the list is empty, the tensors are scalars or differ
///   in rank, a size other than along `dimension` differs, or `dimension` is out of range.
public func concat(_ tensors: [Tensor], dimension: Int) throws(TensorError) -> Tensor {
    let shapes = tensors.map(\.shape)
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "concat", shapes: shapes, reason: reason)
    }
    guard let first = shapes.first else {
        throw failure("there are no tensors to join")
    }
    let axis = try resolvedDimension(dimension, rank: first.count, failure: failure)
    var outputShape = first
    outputShape[axis] = 0
    for shape in shapes {
        guard shape.count == first.count else {
            throw failure("the tensors differ in rank")
        }
        if let other = shape.indices.first(where: { $0 != axis && shape[$0] != first[$0] }) {
            throw failure("sizes differ in dimension \(other), which is not the joined dimension \(dimension)")
        }
        outputShape[axis] += shape[axis]
    }
    let outputStrides = rowMajorStrides(of: outputShape)
    return Tensor(shape: outputShape) { output in
        guard let target = output.baseAddress else { return }
        var position = 0
        for tensor in tensors {
            tensor.withUnsafeBufferPointer { input in
                guard let source = input.baseAddress else { return }
                copyStrided(
                    shape: tensor.shape, from: source, strides: tensor.strides, to: target + position * outputStrides[axis],
                    strides: outputStrides)
            }
            position += tensor.shape[axis]
        }
    }
}
