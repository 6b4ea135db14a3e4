import CTensorKernels
import Testing

/// The C half-precision kernels, dispatching and scalar paths, against Swift's own Float16 conversions.
@Suite struct SafetensorsHalfConversionTests {
    /// Every 16-bit pattern.
    static let allHalves = (0...UInt16.max).map { $0 }

    typealias Widen = @Sendable (UnsafePointer<UInt16>?, UnsafeMutablePointer<Float>?, Int) -> Void
    typealias Narrow = @Sendable (UnsafePointer<Float>?, UnsafeMutablePointer<UInt16>?, Int) -> Void

    /// Swift's conversion of the half `bits`, with a NaN quieted as IEEE 754 asks (Swift's software conversion keeps
    /// a signalling NaN signalling; the F16C instruction and the scalar path quiet it).
    static func expectedFloat(_ bits: UInt16) -> UInt32 {
        let converted = Float(Float16(bitPattern: bits)).bitPattern
        return converted & 0x7fff_ffff > 0x7f80_0000 ? converted | 0x40_0000 : converted
    }

    @Test("f16 -> f32 is exact for all 65,536 values", arguments: [("dispatch", wt_f16_to_f32 as Widen), ("scalar", wt_f16_to_f32_scalar)])
    func halfToFloatExhaustive(path: String, convert: Widen) {
        var output = [Float](repeating: 1, count: Self.allHalves.count)
        convert(Self.allHalves, &output, Self.allHalves.count)
        let mismatches = Self.allHalves.indices.filter { output[$0].bitPattern != Self.expectedFloat(Self.allHalves[$0]) }
        #expect(mismatches.isEmpty, "\(path): first mismatch at \(mismatches.first.map { String($0, radix: 16) } ?? "")")
    }

    @Test("bf16 -> f32 is exact for all 65,536 values", arguments: [("dispatch", wt_bf16_to_f32 as Widen), ("scalar", wt_bf16_to_f32_scalar)])
    func bfloatToFloatExhaustive(path: String, convert: Widen) {
        var output = [Float](repeating: 1, count: Self.allHalves.count)
        convert(Self.allHalves, &output, Self.allHalves.count)
        let mismatches = Self.allHalves.indices.filter { output[$0].bitPattern != UInt32(Self.allHalves[$0]) << 16 }
        #expect(mismatches.isEmpty, "\(path): \(mismatches.count) mismatches")
    }

    /// Floats that probe f32 -> f16 rounding: every half value, every midpoint between neighbouring halves and the
    /// floats just either side of it, and a sweep over the whole 32-bit pattern space.
    static let narrowingInputs: [Float] = {
        var inputs: [Float] = []
        for bits in allHalves {
            let value = Float(Float16(bitPattern: bits))
            inputs.append(value)
            let next = Float16(bitPattern: bits).nextUp
            guard value.isFinite, next.isFinite else { continue }
            let midpoint = (value + Float(next)) / 2
            inputs += [midpoint, midpoint.nextUp, midpoint.nextDown]
        }
        inputs += [65520, -65520, 65519.996, 1e-8, 2.9802322e-08, 2.9802326e-08, .infinity, -.infinity, .nan, -.nan]
        inputs += [.greatestFiniteMagnitude, .leastNonzeroMagnitude, Float(bitPattern: 0x7fa0_0001), Float(bitPattern: 0xffc1_2345)]
        inputs += stride(from: UInt32(0), to: .max - 40_000, by: 40_009).map { Float(bitPattern: $0) }
        return inputs
    }()

    @Test("f32 -> f16 rounds to nearest even like Swift", arguments: [("dispatch", wt_f32_to_f16 as Narrow), ("scalar", wt_f32_to_f16_scalar)])
    func floatToHalf(path: String, convert: Narrow) {
        let inputs = Self.narrowingInputs
        var output = [UInt16](repeating: 0, count: inputs.count)
        convert(inputs, &output, inputs.count)
        let mismatches = inputs.indices.filter { output[$0] != Float16(inputs[$0]).bitPattern }
        #expect(mismatches.isEmpty, "\(path): \(mismatches.count) mismatches, first input \(mismatches.first.map { inputs[$0].bitPattern } ?? 0)")
    }

    @Test(
        "f32 -> bf16 rounds to the nearer neighbour, ties to even",
        arguments: [("dispatch", wt_f32_to_bf16 as Narrow), ("scalar", wt_f32_to_bf16_scalar)])
    func floatToBfloat(path: String, convert: Narrow) {
        let inputs = Self.narrowingInputs + (0...UInt16.max).map { Float(bitPattern: UInt32($0) << 16 | 0x8000) }
        var output = [UInt16](repeating: 0, count: inputs.count)
        convert(inputs, &output, inputs.count)
        for (input, result) in zip(inputs, output) {
            let value = Float(bitPattern: UInt32(result) << 16)
            if input.isNaN || input.isInfinite {
                #expect(value.bitPattern == (input.bitPattern | (input.isNaN ? 0x40_0000 : 0)) & 0xffff_0000)
                continue
            }
            let truncated = input.bitPattern >> 16
            let low = Double(Float(bitPattern: truncated << 16))
            // Rounding past the largest finite value goes to infinity as if it were the next step, 2^128.
            let high =
                (truncated + 1) & 0x7fff == 0x7f80
                ? Double(input.sign == .minus ? -1 : 1) * 0x1p128 : Double(Float(bitPattern: (truncated + 1) << 16))
            let lowDistance = abs(Double(input) - low)
            let highDistance = abs(high - Double(input))
            let expected = lowDistance < highDistance || (lowDistance == highDistance && truncated & 1 == 0) ? truncated : truncated + 1
            #expect(UInt32(result) == expected, "\(path): input \(input.bitPattern)")
        }
    }

    @Test("every length and offset agrees with the scalar path (vector tails)")
    func tails() {
        let halves = (0..<53).map { UInt16(truncatingIfNeeded: $0 &* 40_503) }
        let floats = halves.map { Float(Float16(bitPattern: $0 & 0x7bff)) * 1.0001 }
        for start in 0..<3 {
            for count in 0...(halves.count - start) {
                var fast = [Float](repeating: 0, count: count)
                var slow = [Float](repeating: 0, count: count)
                halves.withUnsafeBufferPointer { wt_f16_to_f32($0.baseAddress! + start, &fast, count) }
                halves.withUnsafeBufferPointer { wt_f16_to_f32_scalar($0.baseAddress! + start, &slow, count) }
                #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern))
                halves.withUnsafeBufferPointer { wt_bf16_to_f32($0.baseAddress! + start, &fast, count) }
                halves.withUnsafeBufferPointer { wt_bf16_to_f32_scalar($0.baseAddress! + start, &slow, count) }
                #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern))
                var fastHalves = [UInt16](repeating: 0, count: count)
                var slowHalves = [UInt16](repeating: 0, count: count)
                floats.withUnsafeBufferPointer { wt_f32_to_f16($0.baseAddress! + start, &fastHalves, count) }
                floats.withUnsafeBufferPointer { wt_f32_to_f16_scalar($0.baseAddress! + start, &slowHalves, count) }
                #expect(fastHalves == slowHalves)
                floats.withUnsafeBufferPointer { wt_f32_to_bf16($0.baseAddress! + start, &fastHalves, count) }
                floats.withUnsafeBufferPointer { wt_f32_to_bf16_scalar($0.baseAddress! + start, &slowHalves, count) }
                #expect(fastHalves == slowHalves)
            }
        }
    }
}
