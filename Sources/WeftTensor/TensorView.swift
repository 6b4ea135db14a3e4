/// A strided window onto a tensor's elements: a shape, and for each dimension how many storage elements apart two
/// neighbouring indices are, starting at an offset into the base tensor's storage.
///
/// Views are made without copying any element: `Tensor.view` covers a whole tensor, and `permuted`, `transposed`,
/// `narrowed`, `selected` and `expanded(to:)` rearrange a view by changing only its offset, shape and strides (an
/// expanded dimension has stride 0, so one stored element appears many times). The base tensor's storage is shared
/// and kept alive by the view; as a `Tensor` is copy-on-write, mutating the original tensor later does not change
/// the view. `contiguous()` turns a view back into a `Tensor`, copying only when the view is not already the whole
/// base in row-major order.
public struct TensorView: Sendable {
    /// The tensor whose storage this view reads.
    public let base: Tensor
    /// The storage index, in `base.scalars`, of the element whose indices are all 0.
    public let offset: Int
    /// The size of each dimension; empty for a scalar (one element).
    public let shape: [Int]
    /// For each dimension, how many storage elements apart two neighbouring indices along it are (0 for a
    /// broadcast dimension).
    public let strides: [Int]

    /// A view of `base` with the given layout, which must address only elements of `base`.
    init(base: Tensor, offset: Int, shape: [Int], strides: [Int]) {
        self.base = base
        self.offset = offset
        self.shape = shape
        self.strides = strides
    }

    /// The number of elements (the product of the dimensions).
    public var count: Int { shape.reduce(1, *) }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// Whether the view is all of `base`'s storage in row-major order, so `contiguous()` returns it without copying.
    public var isContiguous: Bool {
        let rowMajor = rowMajorStrides(of: shape)
        return offset == 0 && count == base.count && shape.indices.allSatisfy { shape[$0] == 1 || strides[$0] == rowMajor[$0] }
    }

    /// The viewed elements as a contiguous row-major `Tensor`. When `isContiguous`, this is `base` reshaped, sharing
    /// its storage; otherwise the elements are gathered into new storage (a strided copy in C, split across cores
    /// for large views, so it must not run at the same time as a BLAS call, see `BLASThreads`).
    public func contiguous() -> Tensor {
        if isContiguous, let shared = try? base.reshaped(shape) {
            return shared
        }
        return Tensor(shape: shape) { output in
            guard let target = output.baseAddress else { return }
            base.withUnsafeBufferPointer { storage in
                guard let source = storage.baseAddress else { return }
                copyStrided(shape: shape, from: source + offset, strides: strides, to: target, strides: rowMajorStrides(of: shape))
            }
        }
    }
}
