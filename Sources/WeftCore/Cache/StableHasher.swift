import OrderedCollections

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

    /// Feeds a JSON value structurally: a type tag, then its contents (object members in order).
    mutating func combine(_ value: JSONValue) {
        switch value {
        case .null: combine(UInt64(0))
        case .bool(let flag): combine(flag ? UInt64(2) : UInt64(1))
        case .integer(let number):
            combine(UInt64(3))
            combine(UInt128(truncatingIfNeeded: number))
        case .double(let number):
            combine(UInt64(4))
            combine(number.bitPattern)
        case .string(let text):
            combine(UInt64(5))
            combine(text)
        case .array(let elements):
            combine(UInt64(6))
            combine(UInt64(elements.count))
            for element in elements { combine(element) }
        case .object(let members):
            combine(UInt64(7))
            combine(UInt64(members.count))
            for (key, member) in members {
                combine(key)
                combine(member)
            }
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
