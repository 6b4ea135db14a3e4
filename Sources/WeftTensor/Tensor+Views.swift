/// Rearranging a tensor's elements through a `TensorView`. `view` itself copies nothing; the methods here return
/// contiguous tensors, so each copies its result into new storage unless the rearrangement leaves the elements in
/// place (an identity permutation, a transpose of size-1 dimensions, a narrow or expand that keeps the whole tensor),
/// in which case the result shares this tensor's storage. To chain rearrangements with one copy at the end, use
/// `view`'s methods and call `contiguous()` once.
extension Tensor {
    /// A view of all of this tensor's elements, sharing its storage (no copy).
    public var view: TensorView {
        TensorView(base: self, offset: 0, shape: shape, strides: strides)
    }

    /// The tensor with its dimensions reordered: dimension `i` of the result is dimension `order[i]` of this one
    /// (PyTorch's `permute(...).contiguous()`); e.g. `[0, 2, 3, 1]` turns `[N, C, H, W]` into `[N, H, W, C]`.
    /// - Throws: `TensorError.invalidShapes` when `order` does not list every dimension exactly once.
    public func permuted(_ order: [Int]) throws(TensorError) -> Tensor {
        try view.permuted(order).contiguous()
    }

    /// The tensor with dimensions `first` and `second` swapped (PyTorch's `transpose(...).contiguous()`).
    /// - Throws: `TensorError.invalidShapes` when either dimension is out of range.
    public func transposed(_ first: Int, _ second: Int) throws(TensorError) -> Tensor {
        try view.transposed(first, second).contiguous()
    }

    /// The `length` indices `start ..< start + length` along `dimension` (PyTorch's `narrow`, a slice), as a copy.
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range, `start` or `length` is negative, or the
    ///   range runs past the dimension's size.
    public func narrowed(dimension: Int, start: Int, length: Int) throws(TensorError) -> Tensor {
        try view.narrowed(dimension: dimension, start: start, length: length).contiguous()
    }

    /// The slice at `index` along `dimension`, with that dimension removed (PyTorch's `select`), as a copy.
    /// - Throws: `TensorError.invalidShapes` when `dimension` is out of range or `index` is outside 0 ..< its size.
    public func selected(dimension: Int, index: Int) throws(TensorError) -> Tensor {
        try view.selected(dimension: dimension, index: index).contiguous()
    }

    /// The tensor broadcast to `target` with its repeated elements written out (PyTorch's `expand(...).contiguous()`);
    /// element-wise operations broadcast by themselves, so this is for when the repeated tensor itself is needed.
    /// - Throws: `TensorError.invalidShapes` naming both shapes when this shape does not expand to `target`.
    public func expanded(to target: [Int]) throws(TensorError) -> Tensor {
        try view.expanded(to: target).contiguous()
    }
}
