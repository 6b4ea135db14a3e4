/// Reads the EXIF orientation tag (0x0112) of a JPEG (APP1 `Exif` segment), PNG (`eXIf` chunk) or WebP (`EXIF`
/// chunk), so loaders can turn phone photos upright as ComfyUI's do.
public enum ExifOrientation {
    /// The orientation, 1...8, or 1 (upright) when the file has no EXIF data, no orientation tag or damaged EXIF.
    public static func read(from bytes: [UInt8]) -> Int {
        guard let tiff = tiffBlock(in: bytes) else { return 1 }
        return orientation(inTIFF: tiff) ?? 1
    }

    /// The TIFF structure inside the file's EXIF data.
    private static func tiffBlock(in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        switch ImageFormat.sniff(bytes) {
        case .jpeg?: jpegExif(bytes)
        case .png?: pngExif(bytes)
        case .webp?: webpExif(bytes)
        case nil: nil
        }
    }

    /// The first APP1 segment starting `Exif\0\0`, before the image data.
    private static func jpegExif(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let body = offset + 4
            guard length >= 2, body + length - 2 <= bytes.count else { return nil }
            if marker == 0xE1, length >= 8, bytes[body..<(body + 6)].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                return bytes[(body + 6)..<(body + length - 2)]
            }
            offset = body + length - 2
        }
        return nil
    }

    /// The `eXIf` chunk's data.
    private static func pngExif(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bigEndian(bytes, at: offset, size: 4))
            let start = offset + 8
            guard length <= bytes.count - start - 4 else { return nil }
            let type = bytes[(offset + 4)..<start]
            if type.elementsEqual("eXIf".utf8) { return bytes[start..<(start + length)] }
            if type.elementsEqual("IEND".utf8) || type.elementsEqual("IDAT".utf8) { return nil }
            offset = start + length + 4
        }
        return nil
    }

    /// The RIFF `EXIF` chunk's data (which may itself start with `Exif\0\0`).
    private static func webpExif(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        var offset = 12
        while offset + 8 <= bytes.count {
            let length = Int(littleEndian(bytes, at: offset + 4, size: 4))
            let start = offset + 8
            guard length <= bytes.count - start else { return nil }
            if bytes[offset..<(offset + 4)].elementsEqual("EXIF".utf8) {
                let data = bytes[start..<(start + length)]
                return data.starts(with: [0x45, 0x78, 0x69, 0x66, 0, 0]) ? data.dropFirst(6) : data
            }
            offset = start + length + (length & 1)
        }
        return nil
    }

    /// The orientation entry of the first image file directory, if it holds a value 1...8.
    private static func orientation(inTIFF tiff: ArraySlice<UInt8>) -> Int? {
        let block = Array(tiff)
        guard block.count >= 8 else { return nil }
        let isLittle: Bool
        switch (block[0], block[1]) {
        case (0x49, 0x49): isLittle = true
        case (0x4D, 0x4D): isLittle = false
        default: return nil
        }
        func number(at offset: Int, size: Int) -> Int? {
            guard offset >= 0, offset + size <= block.count else { return nil }
            return Int(isLittle ? littleEndian(block, at: offset, size: size) : bigEndian(block, at: offset, size: size))
        }
        guard let directory = number(at: 4, size: 4), let entries = number(at: directory, size: 2) else { return nil }
        for entry in 0..<entries {
            let start = directory + 2 + entry * 12
            guard let tag = number(at: start, size: 2) else { return nil }
            if tag == 0x0112, let value = number(at: start + 8, size: 2), (1...8).contains(value) {
                return value
            }
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt32 {
        bytes[offset..<(offset + size)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt32 {
        bytes[offset..<(offset + size)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
