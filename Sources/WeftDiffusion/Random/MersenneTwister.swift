/// The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), the engine of PyTorch's CPU generator:
/// the same seed gives the same stream of 32-bit numbers as `std::mt19937` and `at::mt19937`.
public struct MersenneTwister: Sendable {
    private static let size = 624
    private static let shift = 397
    private var state: [UInt32]
    private var index: Int

    /// An engine seeded with `seed` (the standard initialisation: each word from the previous with multiplier
    /// 1812433253).
    public init(seed: UInt32) {
        state = [UInt32](repeating: 0, count: Self.size)
        state[0] = seed
        for i in 1..<Self.size {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = Self.size
    }

    /// The next 32-bit number.
    public mutating func next() -> UInt32 {
        if index >= Self.size { twist() }
        var value = state[index]
        index += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// Regenerates the 624 words of state.
    private mutating func twist() {
        for i in 0..<Self.size {
            let bits = (state[i] & 0x8000_0000) | (state[(i + 1) % Self.size] & 0x7FFF_FFFF)
            var mixed = bits >> 1
            if bits & 1 != 0 { mixed ^= 0x9908_B0DF }
            state[i] = state[(i + Self.shift) % Self.size] ^ mixed
        }
        index = 0
    }
}
