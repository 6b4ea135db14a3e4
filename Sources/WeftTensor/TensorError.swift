/// A tensor operation refused its operands. Every case names the operation and the shapes involved, so a failing
/// node can report exactly which tensors did not fit.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `count` values were given for `shape`, which holds a different number of elements.
    case countMismatch(operation: String, shape: [Int], count: Int)
    /// The operands' shapes do not fit the operation; `reason` says why.
    case invalidShapes(operation: String, shapes: [[Int]], reason: String)

    /// One line naming the operation, the shapes and the reason, e.g.
    /// `matmul: shapes [2, 3], [4, 2]: inner dimensions differ (3 vs 4)`.
    public var description: String {
        switch self {
        case .countMismatch(let operation, let shape, let count):
            let elements = shape.reduce(1, *)
            return "\(operation): shape \(shape) holds \(elements) elements but \(count) values were given"
        case .invalidShapes(let operation, let shapes, let reason):
            guard !shapes.isEmpty else { return "\(operation): \(reason)" }
            let listed = shapes.map { "\($0)" }.joined(separator: ", ")
            return "\(operation): \(shapes.count == 1 ? "shape" : "shapes") \(listed): \(reason)"
        }
    }
}
