public import WeftTensor

/// ComfyUI's `BrownianTreeNoiseSampler` (on the CPU, one tree for the whole batch, times = sigmas): unit-variance
/// noise for a step from one sigma to another, taken from a single Brownian motion over [σ_min, σ_max] seeded with the
/// seed, so the noise of overlapping steps is correlated as the SDE samplers `dpmpp_sde` and `dpmpp_2m_sde` expect.
///
/// The noise for (σ, σ′) is the motion's increment between them, negated when σ > σ′, divided by √|σ′ − σ|.
public struct BrownianTreeNoiseSampler: Sendable {
    private var tree: BrownianTree
    /// −1 when the tree was given its range upside down (ComfyUI keeps that sign on every draw).
    private let orientation: Float

    /// The sampler for noise of `shape`, valid between `sigmaMin` and `sigmaMax` (ComfyUI passes the smallest
    /// positive sigma and the largest sigma of the schedule).
    /// - Throws: `SamplingError.nonFiniteSigma` when either bound is infinite or NaN.
    public init(shape: [Int], sigmaMin: Float, sigmaMax: Float, seed: UInt64) throws(SamplingError) {
        for sigma in [sigmaMin, sigmaMax] where !sigma.isFinite { throw .nonFiniteSigma(sigma) }
        let (low, high, orientation) = Self.ordered(sigmaMin, sigmaMax)
        tree = BrownianTree(shape: shape, from: Double(low), to: Double(high), entropy: seed)
        self.orientation = orientation
    }

    /// The noise for a step from `sigma` to `next`.
    /// - Throws: `SamplingError.nonFiniteSigma` when either is infinite or NaN.
    public mutating func callAsFunction(_ sigma: Float, _ next: Float) throws(SamplingError) -> Tensor {
        for value in [sigma, next] where !value.isFinite { throw .nonFiniteSigma(value) }
        let (low, high, direction) = Self.ordered(sigma, next)
        // The tree's samples all have its own shape, so adding its pieces cannot fail.
        let increment = try! tree.increment(from: Double(low), to: Double(high))
        return increment * (orientation * direction) / abs(next - sigma).squareRoot()
    }

    /// The two times in increasing order, with −1 when they were swapped (equal times count as swapped, as in
    /// ComfyUI).
    private static func ordered(_ a: Float, _ b: Float) -> (Float, Float, Float) {
        a < b ? (a, b, 1) : (b, a, -1)
    }
}
