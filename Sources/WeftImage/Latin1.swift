/// ISO 8859-1 conversions, the character set of PNG keywords and tEXt/zTXt text.
enum Latin1 {
    /// The bytes of `string` in Latin-1, or nil when it has a character beyond U+00FF.
    static func encode(_ string: String) -> [UInt8]? {
        let utf8 = string.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return Array(utf8)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for scalar in string.unicodeScalars {
            guard scalar.value < 0x100 else {
                return nil
            }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// The string that Latin-1 `bytes` spell (every byte is a character).
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}
