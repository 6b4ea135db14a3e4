/// The view operations: each returns a new view of the same storage, changing only offset, shape and strides, so none
/// copies an element. Dimensions may be given from the end (-1 is the last), as in PyTorch.
extension TensorView {
    /// The view with its dimensions reordered: dimension `i` of the result is dimension `order[i]` of this view
    /// (PyTorch's `permute`).
    /// - Throws: `TensorError.invalidShapes` when `order` does not list every dimension exactly once.
    public func permuted(_ order: [Int]) throws(TensorError) -> TensorView {
        let failure = failure(of: "permuted")
        guard order.count == rank else {
            throw failure("order \(order) must list all \(rank) dimensions")
        }
        var resolved: [Int] = []
        for dimension in order {
            resolved.append(try resolvedDimension(dimension, rank: rank, failure: failure))
        }
        guard Set(resolved).count == rank else {
            throw failure("order \(order) is not a permutation: it repeats a dimension")
        }
        return TensorView(base: base, offset: offset, shape: resolved.map { shape[$0] }, strides: resolved.map { strides[$0] })
    }

    /// The view with dimensions `first` and `second` swapped (PyTorch's `transpose`).
    /// - Throws: `TensorError.invalidShapes` when either dimension is out of range.
    public func transposed(_ first: Int, _ second: Int) throws(TensorError) -> TensorView {
        let failure = failure(of: "transposed")
        let a = try resolvedDimension(first, rank: rank, failure: failure)
        let b = try resolvedDimension(second, rank: rank, failure: failure)
        var order = Array(0..<rank)
        order.swapAt(a, b)
        return try permuted(order)
    }

    /// The `length` indices `start ..< start + length` along `dimension`, all of every other dimension (PyTorch's
    /// `narrow`, a slice).
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range, `start` or `length` is negative, or the
    ///   range runs past the dimension's size.
    public func narrowed(dimension: Int, start: Int, length: Int) throws(TensorError) -> TensorView {
        let failure = failure(of: "narrowed")
        let axis = try resolvedDimension(dimension, rank: rank, failure: failure)
        guard start >= 0, length >= 0, start <= shape[axis], length <= shape[axis] - start else {
            throw failure("range start \(start), length \(length) does not fit in dimension \(dimension) of size \(shape[axis])")
        }
        var newShape = shape
        newShape[axis] = length
        return TensorView(base: base, offset: offset + start * strides[axis], shape: newShape, strides: strides)
    }

    /// The slice at `index` along `dimension`, with that dimension removed (PyTorch's `select`; `x[:, 2]` is
    /// `selected(dimension: 1, index: 2)`).
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range or `index` is outside 0 ..< its size.
    public func selected(dimension: Int, index: Int) throws(TensorError) -> TensorView {
        let failure = failure(of: "selected")
        let axis = try resolvedDimension(dimension, rank: rank, failure: failure)
        guard index >= 0, index < shape[axis] else {
            throw failure("index \(index) is outside dimension \(dimension) of size \(shape[axis])")
        }
        var (newShape, newStrides) = (shape, strides)
        newShape.remove(at: axis)
        newStrides.remove(at: axis)
        return TensorView(base: base, offset: offset + index * strides[axis], shape: newShape, strides: newStrides)
    }

    /// The view broadcast to `target` (PyTorch's `expand`): `target` may add leading dimensions, and a size-1
    /// dimension may stretch to any size (stride 0: the one element repeats); every other size must stay the same.
    /// - Throws: `TensorError.invalidShapes` naming both shapes when `target` has fewer dimensions, a negative size,
    ///   or a size that differs from a dimension that is not 1.
    public func expanded(to target: [Int]) throws(TensorError) -> TensorView {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "expanded", shapes: [shape, target], reason: reason)
        }
        guard target.count >= rank else {
            throw failure("the target has fewer dimensions than the view")
        }
        guard target.allSatisfy({ $0 >= 0 }) else {
            throw failure("sizes must not be negative")
        }
        let leading = target.count - rank
        if let own = shape.indices.first(where: { shape[$0] != 1 && shape[$0] != target[leading + $0] }) {
            throw failure("dimension \(own) has size \(shape[own]), which is not 1 and differs from \(target[leading + own])")
        }
        return TensorView(
            base: base, offset: offset, shape: target, strides: broadcastStrides(shape: shape, strides: strides, to: target))
    }

    /// A maker of `TensorError.invalidShapes` for `operation` on this view's shape.
    private func failure(of operation: String) -> (String) -> TensorError {
        { [shape] reason in .invalidShapes(operation: operation, shapes: [shape], reason: reason) }
    }
}
