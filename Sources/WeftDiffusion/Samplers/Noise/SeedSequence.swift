/// NumPy's `SeedSequence` (the entropy pool of `numpy.random`), word for word. torchsde seeds the root of a Brownian
/// tree and every node it splits from one of these, so Brownian noise is only reproducible through it.
///
/// The entropy and each spawn-key entry become little-endian 32-bit words; they are hashed into a pool of
/// `poolSize` words, which `generateState(_:)` hashes again into output words.
struct SeedSequence {
    private static let initA: UInt32 = 0x43b0_d7e5
    private static let multiplierA: UInt32 = 0x931e_8875
    private static let initB: UInt32 = 0x8b51_f9dd
    private static let multiplierB: UInt32 = 0x58f3_8ded
    private static let mixLeft: UInt32 = 0xca01_f9dd
    private static let mixRight: UInt32 = 0x4973_f715
    private static let shift: UInt32 = 16

    private var pool: [UInt32]

    /// `SeedSequence(entropy, spawn_key=spawnKey, pool_size=poolSize)`; `poolSize` must be positive.
    init(entropy: UInt64, spawnKey: [UInt64] = [], poolSize: Int = 4) {
        var words = Self.words(of: entropy)
        let spawnWords = spawnKey.flatMap(Self.words(of:))
        // With a spawn key, short entropy is padded to the pool size so spawned and unspawned sequences differ.
        if !spawnWords.isEmpty && words.count < poolSize {
            words += [UInt32](repeating: 0, count: poolSize - words.count)
        }
        words += spawnWords
        pool = [UInt32](repeating: 0, count: poolSize)
        mix(words)
    }

    /// `generate_state(count)` with 32-bit words: the pool, cycled, through a second hash.
    func generateState(_ count: Int) -> [UInt32] {
        var hashConstant = Self.initB
        return (0..<count).map { index in
            var value = pool[index % pool.count] ^ hashConstant
            hashConstant &*= Self.multiplierB
            value &*= hashConstant
            return value ^ (value >> Self.shift)
        }
    }

    /// Python's `int` as 32-bit words, least significant first (0 is one zero word).
    private static func words(of value: UInt64) -> [UInt32] {
        guard value > 0 else { return [0] }
        var words: [UInt32] = []
        var rest = value
        while rest > 0 {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        return words
    }

    /// Hashes `words` into the pool: the first `pool.count` words fill it, every word is then mixed into every other,
    /// and any words beyond the pool are mixed into each pool word.
    private mutating func mix(_ words: [UInt32]) {
        var hashConstant = Self.initA
        func hash(_ word: UInt32) -> UInt32 {
            var value = word ^ hashConstant
            hashConstant &*= Self.multiplierA
            value &*= hashConstant
            return value ^ (value >> Self.shift)
        }
        for index in pool.indices {
            pool[index] = hash(index < words.count ? words[index] : 0)
        }
        for source in pool.indices {
            for target in pool.indices where target != source {
                pool[target] = Self.combine(pool[target], hash(pool[source]))
            }
        }
        for word in words.dropFirst(pool.count) {
            for target in pool.indices {
                pool[target] = Self.combine(pool[target], hash(word))
            }
        }
    }

    /// NumPy's `mix` of a pool word with a hashed word.
    private static func combine(_ x: UInt32, _ y: UInt32) -> UInt32 {
        let result = mixLeft &* x &- mixRight &* y
        return result ^ (result >> shift)
    }
}
