import Foundation

/// A deterministic stream of pseudo-random numbers addressed by index: value `i` is the SplitMix64 finaliser applied
/// to the stream's base plus `i` times the golden-ratio increment, so any value can be computed on its own, in any
/// order, and the same seed and name always give the same stream on every platform.
struct CounterRandomStream {
    /// The stream's starting point, from its seed and name.
    private let base: UInt64

    /// The stream named `name` (e.g. a tensor key) under `seed`.
    init(seed: UInt64, name: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the name's UTF-8 bytes
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        base = Self.mix(seed ^ hash)
    }

    /// 64 pseudo-random bits for position `index`.
    func bits(_ index: Int) -> UInt64 {
        Self.mix(base &+ UInt64(truncatingIfNeeded: index) &* 0x9e37_79b9_7f4a_7c15)
    }

    /// A value uniformly distributed in [-1, 1) for position `index`.
    func uniform(_ index: Int) -> Float {
        Float(bits(index) >> 40) * 0x1p-23 - 1
    }

    /// A standard normal value for position `index`, by the Box-Muller transform of two 24-bit uniforms taken from the
    /// same 64 bits.
    func normal(_ index: Int) -> Float {
        let word = bits(index)
        let radiusUniform = (Float(word >> 40) + 0.5) * 0x1p-24
        let angleUniform = Float((word >> 16) & 0xff_ffff) * 0x1p-24
        return (-2 * log(radiusUniform)).squareRoot() * cos(2 * Float.pi * angleUniform)
    }

    /// The SplitMix64 finaliser: a bijective mix of all 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
