import WeftTensor

/// Independent references for the BLAS-backed kernels: plain loops over the logical indices, in Double.
enum Reference {
    /// Deterministic pseudo-random values in [-1, 1) (a 64-bit linear congruential generator).
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 23) - 1
        }
    }

    /// A tensor of `shape` filled with `values(_:seed:)`.
    static func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
        try! Tensor(shape: shape, values: values(shape.reduce(1, *), seed: seed))
    }

    /// `op(a) · op(b)` for row-major matrices stored at `aOffset`/`bOffset`: `a` is [m, k] (or [k, m] when
    /// `transposeA`), `b` is [k, n] (or [n, k] when `transposeB`). Returns m·n values, row-major.
    static func product(
        _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
        aOffset: Int = 0, bOffset: Int = 0
    ) -> [Float] {
        var result = [Float](repeating: 0, count: m * n)
        for row in 0..<m {
            for column in 0..<n {
                var sum = 0.0
                for inner in 0..<k {
                    let left = a[aOffset + (transposeA ? inner * m + row : row * k + inner)]
                    let right = b[bOffset + (transposeB ? column * k + inner : inner * n + column)]
                    sum += Double(left) * Double(right)
                }
                result[row * n + column] = Float(sum)
            }
        }
        return result
    }

    /// The largest absolute difference divided by the largest absolute reference value (normwise relative error).
    static func relativeError(_ actual: [Float], _ expected: [Float]) -> Float {
        precondition(actual.count == expected.count)
        let difference = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
        let scale = expected.map { abs($0) }.max() ?? 0
        return scale == 0 ? difference : difference / scale
    }
}
