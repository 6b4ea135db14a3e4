import CTensorKernels
import Foundation
import Testing
import WeftTensor

/// An element-wise C kernel, `y[i] = f(x[i])` for `n` values.
typealias ElementwiseKernel = @Sendable (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

/// The C softmax kernel: rows, row length, scale.
typealias SoftmaxKernel = @Sendable (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Int, Float) -> Void

/// Each activation's C kernels (dispatching and portable) and its definition in double.
private let activationKernels: [(String, ElementwiseKernel, ElementwiseKernel, @Sendable (Double) -> Double)] = [
    ("silu", wt_silu, wt_silu_scalar, { $0 / (1 + exp(-$0)) }),
    ("gelu", wt_gelu_erf, wt_gelu_erf_scalar, { 0.5 * $0 * erfc(-$0 / 2.0.squareRoot()) }),
    // 0.5·x·(1 + tanh(u)) = x·sigmoid(2u), which stays accurate in double where 1 + tanh(u) cancels.
    ("gelu tanh", wt_gelu_tanh, wt_gelu_tanh_scalar, { $0 / (1 + exp(-2 * (2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }),
    ("quick gelu", wt_quick_gelu, wt_quick_gelu_scalar, { $0 / (1 + exp(-1.702 * $0)) }),
]

@Suite("softmax and activations")
struct ActivationTests {
    @Test("softmax by hand: equal inputs, and [1000, 1001] stays finite")
    func softmaxByHand() throws {
        let equal = try softmax(Tensor.zeros([2, 4]))
        #expect(equal.scalars == [Float](repeating: 0.25, count: 8))
        let large = try softmax(try Tensor(shape: [2], values: [1000, 1001]))
        // e^0 / (e^0 + e^1) and e^1 / (e^0 + e^1).
        let e = exp(1.0)
        let finite = large.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(largestRelativeDifference(large.scalars, [1 / (1 + e), e / (1 + e)]) < 1e-6)
        let negative = try softmax(try Tensor(shape: [3], values: [-1e30, 0, -1e30]))
        #expect(negative.scalars == [0, 1, 0])
    }

    @Test("softmax rows sum to 1 and match a double reference", arguments: [[4, 8, 77, 77], [3, 5], [2, 1000]])
    func softmaxReference(shape: [Int]) throws {
        let features = shape.last!
        let x = try Tensor(shape: shape, values: Reference.values(shape.reduce(1, *), seed: 81).map { $0 * 20 })
        let output = try softmax(x)
        var expected: [Double] = []
        for start in stride(from: 0, to: x.count, by: features) {
            let row = x.scalars[start..<start + features].map(Double.init)
            let maximum = row.max()!
            let total = row.reduce(0) { $0 + exp($1 - maximum) }
            expected += row.map { exp($0 - maximum) / total }
            let sum = output.scalars[start..<start + features].reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - 1) < 1e-5)
        }
        #expect(output.shape == shape)
        #expect(largestRelativeDifference(output.scalars, expected) < 1e-6)
    }

    @Test("softmax of a scalar is refused with the shape")
    func softmaxShapeError() {
        #expect(
            tensorErrorDescription { try softmax(Tensor(shape: [], repeating: 1)) } == "softmax: shape []: input must have at least one dimension")
    }

    @Test("activations at known points")
    func knownPoints() throws {
        let x = try Tensor(shape: [3], values: [1, 0, -1])
        #expect(largestRelativeDifference(gelu(x).scalars, [0.8413447, 0, -0.1586553]) < 1e-6)
        #expect(largestRelativeDifference(gelu(x, approximation: .tanh).scalars, [0.8411920, 0, -0.1588080]) < 1e-6)
        let sigmoidOne = 1 / (1 + exp(-1.0))
        #expect(largestRelativeDifference(silu(x).scalars, [sigmoidOne, 0, -(1 - sigmoidOne)]) < 1e-6)
        let quick = 1 / (1 + exp(-1.702))
        #expect(largestRelativeDifference(quickGELU(x).scalars, [quick, 0, -(1 - quick)]) < 1e-6)
        let extremes = try Tensor(shape: [2], values: [-200, 200])
        #expect(silu(extremes).scalars == [0, 200])
        #expect(gelu(extremes).scalars == [0, 200])
    }

    @Test("activations match double references on a large tensor", arguments: [[2, 320, 16, 16], [7]])
    func activationReference(shape: [Int]) {
        let x = try! Tensor(shape: shape, values: Reference.values(shape.reduce(1, *), seed: 91).map { $0 * 8 })
        let inputs = x.scalars.map(Double.init)
        let cases: [(Tensor, (Double) -> Double)] = [
            (silu(x), { $0 / (1 + exp(-$0)) }),
            (gelu(x), { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }),
            (gelu(x, approximation: .tanh), { 0.5 * $0 * (1 + tanh((2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }),
            (quickGELU(x), { $0 / (1 + exp(-1.702 * $0)) }),
        ]
        for (output, reference) in cases {
            #expect(output.shape == shape)
            #expect(largestRelativeDifference(output.scalars, inputs.map(reference)) < 1e-5)
        }
    }

    @Test("softmax of -infinity is 0 (a masked position)")
    func softmaxMask() throws {
        let masked = try softmax(try Tensor(shape: [4], values: [-.infinity, 0, -.infinity, Float(log(3.0))]))
        #expect(largestRelativeDifference(masked.scalars, [0, 0.25, 0, 0.75]) < 1e-6)
        #expect(masked.scalars[0] == 0 && masked.scalars[2] == 0)
        let unusable = try softmax(try Tensor(shape: [3, 2], values: [-.infinity, -.infinity, .infinity, 0, .nan, 0]))
        #expect(unusable.scalars.allSatisfy { $0.isNaN })
    }

    @Test(
        "softmax's AVX2/FMA and portable paths match a double reference for every row length and scale",
        arguments: [("dispatch", wt_softmax as SoftmaxKernel), ("scalar", wt_softmax_scalar)])
    func softmaxPaths(path: String, kernel: SoftmaxKernel) {
        for dim in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 77, 4099] {
            for scale: Float in [1, 0.158, -0.5, 0] {
                var row = Reference.values(dim, seed: UInt64(dim)).map { $0 * 30 }
                if dim > 2, scale > 0 { row[1] = -.infinity }
                var output = [Float](repeating: 12345, count: 2 * dim + 8)
                kernel(row + row, &output, 2, dim, scale)
                let scaled = row.map { $0 == -.infinity ? -Double.infinity : Double($0) * Double(scale) }
                let maximum = scaled.max()!
                let weights = scaled.map { exp($0 - maximum) }
                let total = weights.reduce(0, +)
                let expected = weights.map { $0 / total }
                #expect(largestRelativeDifference(Array(output[..<(2 * dim)]), expected + expected) < 1e-6, "\(path): \(dim) × \(scale)")
                #expect(output[(2 * dim)...].allSatisfy { $0 == 12345 }, "\(path): wrote past the rows")
            }
        }
    }

    @Test(
        "each activation's AVX2/FMA and portable paths match double references over [-20, 20]",
        arguments: activationKernels)
    func activationPaths(name: String, dispatch: ElementwiseKernel, scalar: ElementwiseKernel, reference: @Sendable (Double) -> Double) {
        let inputs = stride(from: Float(-20), through: 20, by: 1e-3).map { $0 }
        let expected = inputs.map { reference(Double($0)) }
        func check(_ path: String, _ kernel: ElementwiseKernel) {
            var output = [Float](repeating: .nan, count: inputs.count)
            kernel(inputs, &output, inputs.count)
            #expect(largestRelativeDifference(output, expected) < 1e-6, "\(name), \(path)")
        }
        check("dispatch", dispatch)
        check("scalar", scalar)
    }

    @Test("activations of special values", arguments: activationKernels)
    func activationSpecials(name: String, dispatch: ElementwiseKernel, scalar: ElementwiseKernel, reference: @Sendable (Double) -> Double) {
        let inputs: [Float] = [.infinity, 200, 0, -200, -.infinity, .nan]
        func check(_ path: String, _ kernel: ElementwiseKernel) {
            var output = [Float](repeating: 1, count: inputs.count)
            kernel(inputs, &output, inputs.count)
            #expect(Array(output[0..<4]) == [.infinity, 200, 0, 0], "\(name), \(path)")
            // x·f(x) at -infinity is -infinity · 0, NaN, as in PyTorch.
            #expect(output[4].isNaN && output[5].isNaN, "\(name), \(path)")
        }
        check("dispatch", dispatch)
        check("scalar", scalar)
    }
}
