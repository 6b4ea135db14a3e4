/// Small byte strings that start like real image files, each tagged so that tests can tell them apart.
package enum TestImages {
    /// A PNG signature followed by `size` bytes of `tag`.
    package static func png(_ tag: UInt8, size: Int = 64) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: tag, count: size)
    }

    /// A JPEG start-of-image marker followed by `size` bytes of `tag`.
    package static func jpeg(_ tag: UInt8, size: Int = 64) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: tag, count: size)
    }
}
