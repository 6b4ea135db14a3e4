internal import CTensorKernels

/// An element-wise operation on two tensors, run by `wt_binary_strided` over broadcast operands. The raw value is
/// the operation's name in errors.
enum BinaryOperation: String {
    case add, subtract, multiply, divide, maximum, minimum

    /// The C kernel's code for this operation.
    private var kernel: wt_binary_op {
        switch self {
        case .add: WT_BINARY_ADD
        case .subtract: WT_BINARY_SUBTRACT
        case .multiply: WT_BINARY_MULTIPLY
        case .divide: WT_BINARY_DIVIDE
        case .maximum: WT_BINARY_MAXIMUM
        case .minimum: WT_BINARY_MINIMUM
        }
    }

    /// `a op b` in the shape both broadcast to.
    /// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
    func applied(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        combined(a, b, shape: try broadcastShape(a.shape, b.shape, operation: rawValue))
    }

    /// `a op b` in `shape`, which both operands must broadcast to.
    func combined(_ a: Tensor, _ b: Tensor, shape: [Int]) -> Tensor {
        Tensor(shape: shape) { output in
            a.withUnsafeBufferPointer { left in
                b.withUnsafeBufferPointer { right in
                    // A non-empty result has non-empty operands, so every pointer exists when there is work.
                    guard let y = output.baseAddress, let aBase = left.baseAddress, let bBase = right.baseAddress else { return }
                    run(
                        shape: shape, into: y, a: aBase, strides: broadcastStrides(shape: a.shape, strides: a.strides, to: shape),
                        b: bBase, strides: broadcastStrides(shape: b.shape, strides: b.strides, to: shape))
                }
            }
        }
    }

    /// Replaces `a` with `a op b`, writing into `a`'s storage (no new storage when `a` does not share it).
    /// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when `b` does not broadcast to
    ///   `a`'s shape; `a` is then unchanged.
    func apply(to a: inout Tensor, _ b: Tensor) throws(TensorError) {
        let operation = rawValue + " in place"
        let shape = try broadcastShape(a.shape, b.shape, operation: operation)
        guard shape == a.shape else {
            throw .invalidShapes(
                operation: operation, shapes: [a.shape, b.shape], reason: "the result would be \(shape), not the left operand's shape")
        }
        update(&a, with: b)
    }

    /// Replaces `a` with `a op b`, in `a`'s storage; `b` must broadcast to `a`'s shape.
    func update(_ a: inout Tensor, with b: Tensor) {
        let shape = a.shape
        let bStrides = broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
        b.withUnsafeBufferPointer { right in
            a.withUnsafeMutableBufferPointer { left in
                guard let y = left.baseAddress, let bBase = right.baseAddress else { return }
                run(shape: shape, into: y, a: y, strides: rowMajorStrides(of: shape), b: bBase, strides: bStrides)
            }
        }
    }

    /// Writes `a op b` over the layout `shape` into the contiguous `y`, split across cores when large. `y` is new
    /// storage or exactly `a`.
    private func run(
        shape: [Int], into y: UnsafeMutablePointer<Float>, a: UnsafePointer<Float>, strides aStrides: [Int],
        b: UnsafePointer<Float>, strides bStrides: [Int]
    ) {
        guard shape.allSatisfy({ $0 > 0 }) else { return }
        let layout = StridedLayout(shape: shape, strides: [rowMajorStrides(of: shape), aStrides, bStrides])
        let (sizes, strides, kernel) = (layout.shape, layout.strides, kernel)
        parallelFor(count: layout.count, elementsPerItem: 1) { range in
            wt_binary_strided(kernel, sizes.count, sizes, y, strides[0], a, strides[1], b, strides[2], range.lowerBound, range.count)
        }
    }
}
