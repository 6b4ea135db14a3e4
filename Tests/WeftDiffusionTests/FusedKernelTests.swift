import Testing
import WeftDiffusion
import WeftTensor

/// The WeftTensor kernels the VAE added, against the plain operations they replace: `winogradConv2d` against
/// `conv2d(padding: 1)`, `nearestUpsampledConv2d` against `conv2d` of a `resize(.nearestExact)` ×2, and
/// `groupNormSiLU` against `silu(groupNorm(…))`. They reorder float arithmetic (the Winograd transforms add inputs and
/// kernel taps before multiplying), so results may differ by rounding only: relative error ≤ 1e-5 (measured: about
/// 2e-7).
@Suite struct FusedKernelTests {
    static let tolerance: Float = 1e-5

    /// Sizes that exercise odd heights and widths (half tiles), batches, a 1 × 1 image, and images long enough to
    /// need several blocks or tiles of rows.
    static let shapes: [(input: [Int], outChannels: Int)] = [
        ([2, 5, 7, 9], 6), ([1, 3, 1, 1], 4), ([1, 8, 2, 3], 8), ([1, 32, 530, 64], 32), ([1, 32, 260, 64], 32),
    ]

    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = TorchGenerator(seed: seed)
        return generator.randn(shape)
    }

    @Test(arguments: shapes.indices)
    func winogradEqualsConv2d(case index: Int) throws {
        let (shape, outChannels) = Self.shapes[index]
        let x = Self.random(shape, seed: 1)
        let weight = Self.random([outChannels, shape[1], 3, 3], seed: 2)
        let bias = Self.random([outChannels], seed: 3)
        let error = relativeError(
            try winogradConv2d(x, weight: weight, bias: bias), try conv2d(x, weight: weight, bias: bias, padding: (1, 1)))
        #expect(error <= Self.tolerance, "relative error \(error)")
        let unbiased = relativeError(try winogradConv2d(x, weight: weight, bias: nil), try conv2d(x, weight: weight, bias: nil, padding: (1, 1)))
        #expect(unbiased <= Self.tolerance, "relative error \(unbiased)")
    }

    @Test(arguments: shapes.indices)
    func nearestUpsampledConvolutionEqualsUpsampleThenConv2d(case index: Int) throws {
        let (shape, outChannels) = Self.shapes[index]
        guard shape[2] < 500 else { return }
        let x = Self.random(shape, seed: 4)
        let weight = Self.random([outChannels, shape[1], 3, 3], seed: 5)
        let bias = Self.random([outChannels], seed: 6)
        let upsampled = try resize(x, height: 2 * shape[2], width: 2 * shape[3], method: .nearestExact)
        let error = relativeError(
            try nearestUpsampledConv2d(x, weight: weight, bias: bias), try conv2d(upsampled, weight: weight, bias: bias, padding: (1, 1)))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    @Test func groupNormSiLUEqualsItsParts() throws {
        let x = Self.random([2, 64, 9, 11], seed: 7)
        let weight = Self.random([64], seed: 8)
        let bias = Self.random([64], seed: 9)
        let expected = silu(try groupNorm(x, groups: 32, weight: weight, bias: bias, eps: 1e-6))
        #expect(relativeError(try groupNormSiLU(x, groups: 32, weight: weight, bias: bias, eps: 1e-6), expected) <= Self.tolerance)
        var inPlace = x
        try groupNormSiLU(inPlace: &inPlace, groups: 32, weight: weight, bias: bias, eps: 1e-6)
        #expect(relativeError(inPlace, expected) <= Self.tolerance)
        #expect(x == Self.random([2, 64, 9, 11], seed: 7), "the shared input must stay unchanged")
    }

    @Test func mismatchedShapesAreRefused() {
        let x = Tensor.zeros([1, 4, 5, 5])
        #expect(throws: TensorError.self) { try winogradConv2d(x, weight: Tensor.zeros([2, 3, 3, 3]), bias: nil) }
        #expect(throws: TensorError.self) { try winogradConv2d(x, weight: Tensor.zeros([2, 4, 5, 5]), bias: nil) }
        #expect(throws: TensorError.self) { try winogradConv2d(x, weight: Tensor.zeros([2, 4, 3, 3]), bias: Tensor.zeros([3])) }
        #expect(throws: TensorError.self) { try nearestUpsampledConv2d(Tensor.zeros([4, 5, 5]), weight: Tensor.zeros([2, 4, 3, 3]), bias: nil) }
        #expect(throws: TensorError.self) { try groupNormSiLU(x, groups: 3, weight: Tensor.zeros([4]), bias: Tensor.zeros([4])) }
        #expect(throws: TensorError.self) { try groupNormSiLU(x, groups: 2, weight: Tensor.zeros([4]), bias: Tensor.zeros([2])) }
    }
}
