/// torchsde's time quantisation for Brownian trees built with tolerance 10⁻⁶: Python's `round(t, 6)`, i.e. the double
/// nearest to `t`'s exact binary value rounded to six decimals, ties to even.
enum MicroRounding {
    private static let scale: UInt64 = 1_000_000

    /// `round(t, 6)`. Infinities, NaN and zero come back unchanged, as in Python.
    static func rounded(_ t: Double) -> Double {
        guard t.isFinite, t != 0 else { return t }
        let magnitude = t.magnitude
        // From 2³³ on a double's spacing exceeds 10⁻⁶, so the nearest double to the rounded decimal is t itself.
        guard magnitude.exponent < 33 else { return t }
        // magnitude = significand · 2^-fractionBits exactly, with a 53-bit integer significand.
        let fractionBits = Int(Double.significandBitCount) - Int(magnitude.exponent)
        // Below 2⁻⁴⁸ (including every subnormal) the value is far under half a millionth.
        guard fractionBits <= 100 else { return Double(signOf: t, magnitudeOf: 0) }
        let significand = UInt128(magnitude.significandBitPattern | 1 << 52)
        let scaled = significand * UInt128(scale)
        var millionths = scaled >> fractionBits
        let remainder = scaled & ((1 << fractionBits) - 1)
        let half = UInt128(1) << (fractionBits - 1)
        if remainder > half || (remainder == half && millionths & 1 == 1) { millionths += 1 }
        // The quotient of two exact doubles is correctly rounded, as Python's decimal-to-double conversion is.
        return Double(signOf: t, magnitudeOf: Double(millionths) / Double(scale))
    }
}
