/// One tensor a checkpoint layout describes: its full key and its shape, without data.
public struct CheckpointTensorSpec: Hashable, Sendable, CustomStringConvertible {
    /// The full key, prefix included, e.g. `model.diffusion_model.out.2.weight`.
    public var key: String
    /// The shape, outermost dimension first.
    public var shape: [Int]

    /// The tensor `key` of `shape`.
    public init(key: String, shape: [Int]) {
        self.key = key
        self.shape = shape
    }

    /// How many values the tensor holds: the product of its dimensions.
    public var elementCount: Int { shape.reduce(1, *) }

    /// `key [d0, d1, ...]`, for messages.
    public var description: String { "\(key) \(shape)" }
}

extension Array where Element == CheckpointTensorSpec {
    /// The total number of values in these tensors, i.e. the parameter count of the model they make up.
    public var parameterCount: Int { reduce(0) { $0 + $1.elementCount } }
}
