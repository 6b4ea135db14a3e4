/// Arithmetic operators on tensors: the element-wise operations with broadcasting (see `add(_:_:)`). Between two
/// tensors they throw when the shapes do not broadcast (`let y = try a + b`); with a `Float` on either side they
/// cannot fail. The compound forms write into the left operand's storage, so `try x += residual` allocates nothing
/// when `x` does not share its storage; the right operand must broadcast to the left's shape.
extension Tensor {
    /// `add(lhs, rhs)`.
    public static func + (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
        try BinaryOperation.add.applied(lhs, rhs)
    }

    /// `subtract(lhs, rhs)`.
    public static func - (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
        try BinaryOperation.subtract.applied(lhs, rhs)
    }

    /// `multiply(lhs, rhs)`.
    public static func * (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
        try BinaryOperation.multiply.applied(lhs, rhs)
    }

    /// `divide(lhs, rhs)`.
    public static func / (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
        try BinaryOperation.divide.applied(lhs, rhs)
    }

    /// `rhs` added to every element of `lhs`.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor {
        BinaryOperation.add.combined(lhs, Tensor(shape: [], repeating: rhs), shape: lhs.shape)
    }

    /// `rhs` subtracted from every element of `lhs`.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor {
        BinaryOperation.subtract.combined(lhs, Tensor(shape: [], repeating: rhs), shape: lhs.shape)
    }

    /// Every element of `lhs` times `rhs`.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        BinaryOperation.multiply.combined(lhs, Tensor(shape: [], repeating: rhs), shape: lhs.shape)
    }

    /// Every element of `lhs` divided by `rhs`.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor {
        BinaryOperation.divide.combined(lhs, Tensor(shape: [], repeating: rhs), shape: lhs.shape)
    }

    /// `lhs` added to every element of `rhs`.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor {
        BinaryOperation.add.combined(Tensor(shape: [], repeating: lhs), rhs, shape: rhs.shape)
    }

    /// `lhs` minus each element of `rhs`.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor {
        BinaryOperation.subtract.combined(Tensor(shape: [], repeating: lhs), rhs, shape: rhs.shape)
    }

    /// `lhs` times every element of `rhs`.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor {
        BinaryOperation.multiply.combined(Tensor(shape: [], repeating: lhs), rhs, shape: rhs.shape)
    }

    /// `lhs` divided by each element of `rhs`.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor {
        BinaryOperation.divide.combined(Tensor(shape: [], repeating: lhs), rhs, shape: rhs.shape)
    }

    /// Adds `rhs` (broadcast) to `lhs` in place, e.g. a residual connection.
    /// - Throws: `TensorError.invalidShapes` when `rhs` does not broadcast to `lhs`'s shape; `lhs` is then unchanged.
    public static func += (lhs: inout Tensor, rhs: Tensor) throws(TensorError) {
        try BinaryOperation.add.apply(to: &lhs, rhs)
    }

    /// Subtracts `rhs` (broadcast) from `lhs` in place.
    /// - Throws: `TensorError.invalidShapes` when `rhs` does not broadcast to `lhs`'s shape; `lhs` is then unchanged.
    public static func -= (lhs: inout Tensor, rhs: Tensor) throws(TensorError) {
        try BinaryOperation.subtract.apply(to: &lhs, rhs)
    }

    /// Multiplies `lhs` by `rhs` (broadcast) in place.
    /// - Throws: `TensorError.invalidShapes` when `rhs` does not broadcast to `lhs`'s shape; `lhs` is then unchanged.
    public static func *= (lhs: inout Tensor, rhs: Tensor) throws(TensorError) {
        try BinaryOperation.multiply.apply(to: &lhs, rhs)
    }

    /// Divides `lhs` by `rhs` (broadcast) in place.
    /// - Throws: `TensorError.invalidShapes` when `rhs` does not broadcast to `lhs`'s shape; `lhs` is then unchanged.
    public static func /= (lhs: inout Tensor, rhs: Tensor) throws(TensorError) {
        try BinaryOperation.divide.apply(to: &lhs, rhs)
    }

    /// Adds `rhs` to every element of `lhs`, in place.
    public static func += (lhs: inout Tensor, rhs: Float) {
        BinaryOperation.add.update(&lhs, with: Tensor(shape: [], repeating: rhs))
    }

    /// Subtracts `rhs` from every element of `lhs`, in place.
    public static func -= (lhs: inout Tensor, rhs: Float) {
        BinaryOperation.subtract.update(&lhs, with: Tensor(shape: [], repeating: rhs))
    }

    /// Multiplies every element of `lhs` by `rhs`, in place.
    public static func *= (lhs: inout Tensor, rhs: Float) {
        BinaryOperation.multiply.update(&lhs, with: Tensor(shape: [], repeating: rhs))
    }

    /// Divides every element of `lhs` by `rhs`, in place.
    public static func /= (lhs: inout Tensor, rhs: Float) {
        BinaryOperation.divide.update(&lhs, with: Tensor(shape: [], repeating: rhs))
    }
}
