import Foundation

/// The readings of a request path that other layers might arrive at: as given, after Unicode NFKC normalisation
/// (fullwidth `．` or `‥` become ASCII dots) and after one or two rounds of percent-decoding.
///
/// Checking every reading refuses a path that is harmless on this file system but would turn hostile if some
/// proxy, client or later component decoded or normalised it once more.
enum PathSpellings {
    /// The distinct readings of `path`, the path as given first.
    static func readings(of path: String) -> [String] {
        var readings = [path]
        var current = path
        for round in 0..<3 {
            let normalised = current.precomposedStringWithCompatibilityMapping
            readings.append(normalised)
            guard round < 2 else { break }
            current = percentDecoded(normalised)
            readings.append(current)
        }
        var seen: Set<String> = []
        return readings.filter { seen.insert($0).inserted }
    }

    /// `text` with every valid `%XX` escape replaced by its byte; other `%` signs are kept, and the bytes are read
    /// as UTF-8 (invalid sequences become U+FFFD), so a malformed escape elsewhere cannot hide a valid one.
    static func percentDecoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The value of one ASCII hex digit, or nil.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
