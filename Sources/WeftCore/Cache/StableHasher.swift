/// A 128-bit FNV-1a hasher whose digests are the same in every process (unlike Swift's seeded `Hasher`),
/// so cache keys can be logged, compared across runs and, later, persisted.
struct StableHasher {
    private static let prime: UInt128 = (1 << 88) + (1 << 8) + 0x3B
    private var state: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D

    /// Feeds a string, length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    mutating func combine(_ text: String) {
        combine(UInt64(text.utf8.count))
        for byte in text.utf8 { combine(byte: byte) }
    }

    /// Feeds a 64-bit number.
    mutating func combine(_ number: UInt64) {
        var remaining = number
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }

    /// Feeds a 128-bit number (another digest).
    mutating func combine(_ number: UInt128) {
        combine(UInt64(truncatingIfNeeded: number))
        combine(UInt64(truncatingIfNeeded: number >> 64))
    }

    private mutating func combine(byte: UInt8) {
        state = (state ^ UInt128(byte)) &* Self.prime
    }

    var digest: UInt128 { state }
}
