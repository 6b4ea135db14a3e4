/// A dense Float32 tensor: a shape and its elements, stored contiguously in row-major order (the last dimension
/// varies fastest).
///
/// `Tensor` is a value type. Copies and reshapes share the element storage until one of them is mutated, at which
/// point the mutated copy gets its own storage (copy-on-write), so `reshaped(_:)` costs no element copy.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension; empty for a scalar (one element).
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == count`.
    public private(set) var scalars: [Float]

    /// A tensor of `shape` with every element set to `value`. Every dimension must be ≥ 0.
    public init(shape: [Int], repeating value: Float) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:repeating:): negative dimension in shape \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` holding `values` in row-major order.
    /// - Throws: `TensorError` when a dimension is negative or `values.count` differs from the shape's element count.
    public init(shape: [Int], values: [Float]) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidShapes(operation: "Tensor(shape:values:)", shapes: [shape], reason: "dimensions must not be negative")
        }
        guard shape.reduce(1, *) == values.count else {
            throw .countMismatch(operation: "Tensor(shape:values:)", shape: shape, count: values.count)
        }
        self.shape = shape
        self.scalars = values
    }

    /// A tensor of `shape` whose elements `initialize` writes, every one of them, without zero-filling first.
    init(shape: [Int], initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        self.shape = shape
        self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            initialize(buffer)
            initializedCount = count
        }
    }

    /// A tensor of `shape` filled with zeros. Every dimension must be ≥ 0.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 0)
    }

    /// The number of elements (the product of the dimensions).
    public var count: Int { scalars.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// For each dimension, how many elements apart two neighbouring indices along it are (row-major: the last
    /// stride is 1).
    public var strides: [Int] { rowMajorStrides(of: shape) }

    /// The same elements viewed with another shape, sharing storage with this tensor. One dimension may be -1; it
    /// is inferred from the element count.
    /// - Throws: `TensorError` when the new shape does not hold exactly `count` elements.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        let known = newShape.filter { $0 != -1 }
        guard inferred.count <= 1, known.allSatisfy({ $0 >= 0 }) else {
            throw .invalidShapes(
                operation: "reshaped", shapes: [shape, newShape], reason: "dimensions must be ≥ 0, with at most one -1 to infer")
        }
        var resolved = newShape
        let knownCount = known.reduce(1, *)
        if let index = inferred.first {
            guard knownCount > 0, count % knownCount == 0 else {
                throw .invalidShapes(
                    operation: "reshaped", shapes: [shape, newShape], reason: "\(count) elements do not divide into the known dimensions")
            }
            resolved[index] = count / knownCount
        } else if knownCount != count {
            throw .invalidShapes(
                operation: "reshaped", shapes: [shape, newShape], reason: "\(count) elements cannot be viewed as \(knownCount)")
        }
        var result = self
        result.shape = resolved
        return result
    }

    /// The element at `indices` (one index per dimension, each within its dimension). Out-of-range indices trap.
    public subscript(_ indices: Int...) -> Float {
        get { scalars[offset(of: indices)] }
        set { scalars[offset(of: indices)] = newValue }
    }

    /// Calls `body` with the elements in row-major order, without copying.
    public func withUnsafeBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Float>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try scalars.withUnsafeBufferPointer { buffer throws(Failure) in try body(buffer) }
    }

    /// Calls `body` with the elements in row-major order for writing, first giving this tensor storage of its own if
    /// it shares it with another tensor.
    public mutating func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try scalars.withUnsafeMutableBufferPointer { buffer throws(Failure) in try body(buffer) }
    }

    /// The storage offset of `indices`, trapping with the shape in the message when they do not address an element.
    private func offset(of indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "Tensor subscript: \(indices.count) indices for shape \(shape)")
        var result = 0
        for (dimension, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[dimension], "Tensor subscript: index \(indices) is outside shape \(shape)")
            result = result * shape[dimension] + index
        }
        return result
    }
}
