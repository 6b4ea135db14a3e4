import Foundation
import Testing
import WeftTensor

/// The largest element-wise difference, relative to the reference value where it exceeds 1 in magnitude.
func largestRelativeDifference(_ actual: [Float], _ expected: [Double]) -> Double {
    zip(actual, expected).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
}

/// Normalises `values` in double: `(v - mean) / sqrt(biased variance + eps)`.
private func standardized(_ values: ArraySlice<Float>, eps: Double) -> [Double] {
    let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
    return values.map { (Double($0) - mean) / (variance + eps).squareRoot() }
}

/// Values from `Reference.values` scaled and shifted away from zero, so a norm must handle an offset mean.
private func offsetTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    try! Tensor(shape: shape, values: Reference.values(shape.reduce(1, *), seed: seed).map { $0 * 3 + 5 })
}

@Suite("groupNorm and layerNorm")
struct NormalizationTests {
    @Test("group norm of a 1×2×2 input, worked by hand")
    func groupNormByHand() throws {
        let x = try Tensor(shape: [1, 2, 2], values: [1, 2, 3, 4])
        // One group: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, so y = (x - 2.5) / √1.25.
        let one = try groupNorm(x, groups: 1, weight: nil, bias: nil, eps: 0)
        #expect(largestRelativeDifference(one.scalars, [-1.5, -0.5, 0.5, 1.5].map { $0 / 1.25.squareRoot() }) < 1e-6)
        // Two groups: each channel is [a, a + 1], mean a + 0.5, variance 0.25, so [-1, 1]; then weight and bias.
        let weight = try Tensor(shape: [2], values: [2, 1])
        let bias = try Tensor(shape: [2], values: [0, 1])
        let two = try groupNorm(x, groups: 2, weight: weight, bias: bias, eps: 0)
        #expect(two.shape == [1, 2, 2])
        #expect(largestRelativeDifference(two.scalars, [-2, 2, 0, 2]) < 1e-6)
    }

    @Test(
        "group norm matches a double reference",
        arguments: [([2, 32, 16, 16], 8), ([2, 64, 32, 32], 32), ([3, 6, 5, 7], 3), ([2, 4], 2)])
    func groupNormReference(shape: [Int], groups: Int) throws {
        let channels = shape[1]
        let spatial = shape.dropFirst(2).reduce(1, *)
        let x = offsetTensor(shape, seed: 61)
        let weight = Reference.tensor([channels], seed: 62)
        let bias = Reference.tensor([channels], seed: 63)
        let output = try groupNorm(x, groups: groups, weight: weight, bias: bias)
        var expected: [Double] = []
        let length = channels / groups * spatial
        for start in stride(from: 0, to: x.count, by: length) {
            let normalized = standardized(x.scalars[start..<start + length], eps: 1e-5)
            for (index, value) in normalized.enumerated() {
                let channel = (start + index) / spatial % channels
                expected.append(value * Double(weight.scalars[channel]) + Double(bias.scalars[channel]))
            }
        }
        #expect(output.shape == shape)
        #expect(largestRelativeDifference(output.scalars, expected) < 1e-5)
    }

    @Test("layer norm of [1, 2, 3], worked by hand")
    func layerNormByHand() throws {
        // Mean 2, variance 2/3, so y = (x - 2) / √(2/3) = [-√1.5, 0, √1.5].
        let output = try layerNorm(try Tensor(shape: [1, 3], values: [1, 2, 3]), weight: nil, bias: nil, eps: 0)
        #expect(largestRelativeDifference(output.scalars, [-(1.5.squareRoot()), 0, 1.5.squareRoot()]) < 1e-6)
    }

    @Test("layer norm matches a double reference", arguments: [[4, 77, 64], [3, 13], [2, 300, 320]])
    func layerNormReference(shape: [Int]) throws {
        let features = shape.last!
        let x = offsetTensor(shape, seed: 71)
        let weight = Reference.tensor([features], seed: 72)
        let bias = Reference.tensor([features], seed: 73)
        for (w, b) in [(weight, bias), (nil, nil), (weight, nil)] as [(Tensor?, Tensor?)] {
            let output = try layerNorm(x, weight: w, bias: b)
            var expected: [Double] = []
            for start in stride(from: 0, to: x.count, by: features) {
                for (index, value) in standardized(x.scalars[start..<start + features], eps: 1e-5).enumerated() {
                    let scale = w.map { Double($0.scalars[index]) } ?? 1
                    expected.append(value * scale + (b.map { Double($0.scalars[index]) } ?? 0))
                }
            }
            #expect(output.shape == shape)
            #expect(largestRelativeDifference(output.scalars, expected) < 1e-5)
        }
    }

    @Test("a row whose first values sit far from its mean (the second-pass path) matches a double reference")
    func poorlyCentredRow() throws {
        let noise = Reference.values(1000, seed: 75).map { $0 * 1e-3 }
        let values = noise.enumerated().map { $0.offset < 64 ? 10 + $0.element : $0.element }
        let output = try layerNorm(try Tensor(shape: [1, 1000], values: values), weight: nil, bias: nil)
        #expect(largestRelativeDifference(output.scalars, standardized(values[...], eps: 1e-5)) < 1e-5)
    }

    @Test("groups whose first values sit far from their mean (the fused pass falls back to a second pass) match a double reference")
    func poorlyCentredGroups() throws {
        // Four groups of 1,000 values: the first 64 of each near 10 + 5·group, the rest near 0.
        let noise = Reference.values(4000, seed: 76).map { $0 * 1e-3 }
        let values = noise.enumerated().map { $0.offset % 1000 < 64 ? 10 + Float($0.offset / 1000) * 5 + $0.element : $0.element }
        let output = try groupNorm(try Tensor(shape: [2, 4, 500], values: values), groups: 2, weight: nil, bias: nil)
        let expected = stride(from: 0, to: 4000, by: 1000).flatMap { standardized(values[$0..<$0 + 1000], eps: 1e-5) }
        #expect(largestRelativeDifference(output.scalars, expected) < 1e-5)
    }

    @Test("empty inputs come back unchanged")
    func emptyInputs() throws {
        #expect(try groupNorm(Tensor.zeros([0, 4, 3]), groups: 2, weight: nil, bias: nil).shape == [0, 4, 3])
        #expect(try layerNorm(Tensor.zeros([5, 0]), weight: nil, bias: nil).shape == [5, 0])
    }

    @Test("shape errors name the operation, the shapes and the reason")
    func shapeErrors() {
        let x = Tensor.zeros([1, 6, 4])
        #expect(throws: TensorError.self) { try groupNorm(x, groups: 4, weight: nil, bias: nil) }
        #expect(
            tensorErrorDescription { try groupNorm(x, groups: 4, weight: nil, bias: nil) }
                == "groupNorm: shape [1, 6, 4]: 6 channels do not divide into 4 groups")
        #expect(
            tensorErrorDescription { try groupNorm(x, groups: 0, weight: nil, bias: nil) }
                == "groupNorm: shape [1, 6, 4]: 6 channels do not divide into 0 groups")
        #expect(
            tensorErrorDescription { try groupNorm(x, groups: 3, weight: Tensor.zeros([5]), bias: nil) }
                == "groupNorm: shapes [1, 6, 4], [5]: weight must be [6]")
        #expect(
            tensorErrorDescription { try groupNorm(Tensor.zeros([6]), groups: 1, weight: nil, bias: nil) }
                == "groupNorm: shape [6]: input must be [N, C, ...] with at least two dimensions")
        #expect(
            tensorErrorDescription { try layerNorm(Tensor.zeros([4, 8]), weight: nil, bias: Tensor.zeros([7])) }
                == "layerNorm: shapes [4, 8], [7]: bias must be [8]")
        #expect(
            tensorErrorDescription { try layerNorm(Tensor.zeros([]), weight: nil, bias: nil) }
                == "layerNorm: shape []: input must have at least one dimension")
    }
}
