import CTensorKernels
import Foundation
import Testing

/// Weft's own exp and erf (the AVX2/FMA path through the dispatching function on CPUs that have it, and the portable
/// path), against Foundation's double-precision exp and erf.
@Suite struct VectorMathTests {
    typealias Kernel = @Sendable (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

    /// `kernel` applied to `inputs`.
    static func apply(_ kernel: Kernel, _ inputs: [Float]) -> [Float] {
        var output = [Float](repeating: .nan, count: inputs.count)
        kernel(inputs, &output, inputs.count)
        return output
    }

    /// A dense grid over `range` (step `step`) plus every 16,411th 32-bit pattern, so every binade is visited.
    static func sweep(_ range: ClosedRange<Float>, step: Float) -> [Float] {
        let grid = stride(from: range.lowerBound, through: range.upperBound, by: step).map { $0 }
        let patterns = stride(from: UInt64(0), to: 1 << 32, by: 16411).map { Float(bitPattern: UInt32($0)) }
        return grid + patterns
    }

    /// The error of `actual` against the exact `expected`, in units in the last place of `expected` rounded to float
    /// (for results in the normal range), or in multiples of the smallest subnormal (below it).
    static func ulps(_ actual: Float, _ expected: Double) -> Double {
        let rounded = Float(expected)
        let unit = abs(rounded) >= Float.leastNormalMagnitude ? Double(rounded.ulp) : Double(Float.leastNonzeroMagnitude)
        return abs(Double(actual) - expected) / unit
    }

    @Test("exp is within 2 ulp of the exact result", arguments: [("dispatch", wt_exp as Kernel), ("scalar", wt_exp_scalar)])
    func expAccuracy(path: String, kernel: Kernel) {
        let inputs = Self.sweep(-110...95, step: 1e-3).filter { !$0.isNaN }
        let outputs = Self.apply(kernel, inputs)
        var worst = (error: 0.0, input: Float(0))
        for (x, y) in zip(inputs, outputs) {
            let exact = Foundation.exp(Double(x))
            if exact > Double(Float.greatestFiniteMagnitude) {
                // Beyond FLT_MAX (by more than rounding could hide) the result must be infinity.
                #expect(y == .infinity || exact < Double(Float.greatestFiniteMagnitude) * (1 + 0x1p-23), "\(path): exp(\(x))")
                continue
            }
            let error = Self.ulps(y, exact)
            if error > worst.error { worst = (error, x) }
        }
        #expect(worst.error <= 2, "\(path): \(worst.error) ulp at exp(\(worst.input))")
    }

    @Test("exp of special values", arguments: [("dispatch", wt_exp as Kernel), ("scalar", wt_exp_scalar)])
    func expSpecials(path: String, kernel: Kernel) {
        let inputs: [Float] = [0, -0.0, .infinity, -.infinity, 88.72, 88.73, -87, -103, -104, -1e30, 1e30, 1e-30, -1e-30]
        let outputs = Self.apply(kernel, inputs)
        #expect(outputs[0] == 1 && outputs[1] == 1, "\(path)")
        #expect(outputs[2] == .infinity && outputs[3] == 0, "\(path): exp(±inf)")
        #expect(outputs[4].isFinite && outputs[5] == .infinity, "\(path): overflow at ln(FLT_MAX) = 88.7228")
        #expect(outputs[6].isNormal && outputs[7].isSubnormal && outputs[8] == 0, "\(path): underflow")
        #expect(outputs[9] == 0 && outputs[10] == .infinity, "\(path): huge arguments")
        #expect(outputs[11] == 1 && outputs[12] == 1, "\(path): tiny arguments")
        #expect(Self.apply(kernel, [.nan, -.nan]).allSatisfy { $0.isNaN }, "\(path): NaN")
    }

    @Test("erf is within 2e-7 of the exact result", arguments: [("dispatch", wt_erf as Kernel), ("scalar", wt_erf_scalar)])
    func erfAccuracy(path: String, kernel: Kernel) {
        let inputs = Self.sweep(-12...12, step: 1e-4).filter { !$0.isNaN }
        let outputs = Self.apply(kernel, inputs)
        var worst = (absolute: 0.0, relative: 0.0)
        for (x, y) in zip(inputs, outputs) {
            let exact = Foundation.erf(Double(x))
            worst.absolute = max(worst.absolute, abs(Double(y) - exact))
            // Near zero erf(x) ≈ 1.128·x, so the result keeps its relative accuracy too (above the subnormals).
            if abs(x) < 0.5, abs(exact) >= Double(Float.leastNormalMagnitude) {
                worst.relative = max(worst.relative, abs(Double(y) - exact) / abs(exact))
            }
        }
        #expect(worst.absolute <= 2e-7, "\(path): absolute error \(worst.absolute)")
        #expect(worst.relative <= 4e-7, "\(path): relative error \(worst.relative) below |x| = 0.5")
    }

    @Test("erf of special values", arguments: [("dispatch", wt_erf as Kernel), ("scalar", wt_erf_scalar)])
    func erfSpecials(path: String, kernel: Kernel) {
        let inputs: [Float] = [.infinity, -.infinity, 0, -0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 5, -5]
        let outputs = Self.apply(kernel, inputs)
        #expect(Array(outputs[0..<2]) == [1, -1], "\(path): erf(±inf)")
        #expect(outputs[2] == 0 && outputs[2].sign == .plus && outputs[3] == 0 && outputs[3].sign == .minus, "\(path): signed zeros")
        #expect(Array(outputs[4...]) == [1, -1, 1, -1], "\(path): saturation")
        #expect(Self.apply(kernel, [.nan]).allSatisfy { $0.isNaN }, "\(path): NaN")
    }

    @Test(
        "every length writes exactly its elements, the vector tail (masked) agreeing with the portable path",
        arguments: [
            ("exp", wt_exp as Kernel, wt_exp_scalar as Kernel), ("erf", wt_erf, wt_erf_scalar), ("silu", wt_silu, wt_silu_scalar),
            ("gelu", wt_gelu_erf, wt_gelu_erf_scalar), ("gelu tanh", wt_gelu_tanh, wt_gelu_tanh_scalar),
            ("quick gelu", wt_quick_gelu, wt_quick_gelu_scalar),
        ])
    func tails(name: String, kernel: Kernel, scalar: Kernel) {
        for count in 0...19 {
            let inputs = (0..<count).map { Float($0) / 4 - 2 }
            var output = [Float](repeating: 12345, count: count + 9)
            kernel(inputs, &output, count)
            #expect(output[count...].allSatisfy { $0 == 12345 }, "\(name): wrote past \(count) elements")
            let expected = Self.apply(scalar, inputs)
            let agree = zip(output, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
            #expect(agree, "\(name): \(count) elements differ from the portable path")
        }
    }
}
