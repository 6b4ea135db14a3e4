internal import CTensorKernels

/// Element-wise `a + b` with NumPy/PyTorch broadcasting: the shapes are aligned at their last dimensions, and where
/// one operand has size 1 (or lacks the dimension) its element repeats along the other's, so a bias `[C]` adds to
/// every row of `[N, C]` and `[B, C, 1, 1]` adds to every pixel of `[B, C, H, W]`. The result has the broadcast shape.
///
/// Same-shape operands, a one-element operand and such row or channel broadcasts each run as plain loops in C over
/// long runs of elements; large results are split across every core, so this must not run at the same time as a BLAS
/// call (see `BLASThreads`). `+`, `+=` and the tensor–scalar forms are the same operation (see `Tensor`'s operators).
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func add(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.add.applied(a, b)
}

/// Element-wise `a - b` with broadcasting, like `add(_:_:)`.
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func subtract(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.subtract.applied(a, b)
}

/// Element-wise `a * b` with broadcasting, like `add(_:_:)`.
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func multiply(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.multiply.applied(a, b)
}

/// Element-wise `a / b` with broadcasting, like `add(_:_:)`; dividing by zero gives ±infinity or NaN, as in IEEE
/// arithmetic.
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func divide(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.divide.applied(a, b)
}

/// The element-wise larger of `a` and `b` with broadcasting, like `add(_:_:)`; NaN where either is NaN
/// (PyTorch's `maximum`).
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func maximum(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.maximum.applied(a, b)
}

/// The element-wise smaller of `a` and `b` with broadcasting, like `add(_:_:)`; NaN where either is NaN
/// (PyTorch's `minimum`).
/// - Throws: `TensorError.invalidShapes` naming the operation and both shapes when they do not broadcast.
public func minimum(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
    try BinaryOperation.minimum.applied(a, b)
}

/// Each element of `x` raised to at least `lower` and then lowered to at most `upper` (PyTorch's `clamp`; when
/// `lower > upper` every element becomes `upper`). NaN stays NaN. Large tensors use every core, so this must not run
/// at the same time as a BLAS call (see `BLASThreads`).
public func clamp(_ x: Tensor, min lower: Float = -.infinity, max upper: Float = .infinity) -> Tensor {
    guard x.count > 0 else { return x }
    return Tensor(shape: x.shape) { output in
        x.withUnsafeBufferPointer { input in
            let (source, target) = (input.baseAddress!, output.baseAddress!)
            parallelFor(count: x.count, elementsPerItem: 1) { range in
                wt_clamp(source + range.lowerBound, target + range.lowerBound, range.count, lower, upper)
            }
        }
    }
}
