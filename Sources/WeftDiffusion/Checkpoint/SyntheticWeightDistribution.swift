/// How the synthetic checkpoint draws one tensor's values, by the rules the tiny reference model's weights follow,
/// which keep activations of a randomly initialised network in a sane range: embeddings small and normal, matrices and
/// kernels uniform with variance 1 / fan-in, normalisation scales near 1 and shifts near 0, other biases like
/// PyTorch's default (±1/√fan-in of their weight).
enum SyntheticWeightDistribution: Equatable {
    /// Normal with mean 0.
    case normal(standardDeviation: Float)
    /// Uniform in `center ± halfWidth`.
    case uniform(center: Float, halfWidth: Float)

    /// The distribution for `spec`, given the shape of the `.weight` beside it when `spec` is a `.bias`.
    init(for spec: CheckpointTensorSpec, siblingWeightShape: [Int]?) {
        if spec.key.hasSuffix("token_embedding.weight") {
            self = .normal(standardDeviation: 0.02)
        } else if spec.key.hasSuffix("position_embedding.weight") {
            self = .normal(standardDeviation: 0.01)
        } else if spec.shape.count >= 2 {
            self = .uniform(center: 0, halfWidth: (3 / Float(Self.fanIn(of: spec.shape))).squareRoot())
        } else if !spec.key.hasSuffix(".bias") {
            self = .uniform(center: 1, halfWidth: 0.1)
        } else if let siblingWeightShape, siblingWeightShape.count >= 2 {
            self = .uniform(center: 0, halfWidth: 1 / Float(Self.fanIn(of: siblingWeightShape)).squareRoot())
        } else {
            self = .uniform(center: 0, halfWidth: 0.1)
        }
    }

    /// Inputs feeding each output of a weight of `shape`: the product of all dimensions but the first (at least 1).
    private static func fanIn(of shape: [Int]) -> Int {
        max(shape.dropFirst().reduce(1, *), 1)
    }

    /// `count` values drawn from this distribution using `stream`.
    func values(count: Int, from stream: CounterRandomStream) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch self {
            case .normal(let standardDeviation):
                for index in 0..<count { buffer[index] = standardDeviation * stream.normal(index) }
            case .uniform(let center, let halfWidth):
                for index in 0..<count { buffer[index] = center + halfWidth * stream.uniform(index) }
            }
            initialized = count
        }
    }
}
