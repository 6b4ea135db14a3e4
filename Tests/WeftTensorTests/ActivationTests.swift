import Foundation
import Testing
import WeftTensor

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
        #expect(message { try softmax(Tensor(shape: [], repeating: 1)) } == "softmax: shape []: input must have at least one dimension")
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
}
