/// Recognises image files by their first bytes, for answers that do not say what they are.
enum ImageSignature {
    /// Whether `bytes` start like a PNG, JPEG, WebP or GIF file.
    static func recognises(_ bytes: [UInt8]) -> Bool {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        let webp = bytes.count >= 12 && bytes.starts(with: "RIFF".utf8) && bytes[8..<12].elementsEqual("WEBP".utf8)
        let gif = bytes.starts(with: "GIF87a".utf8) || bytes.starts(with: "GIF89a".utf8)
        return bytes.starts(with: png) || bytes.starts(with: jpeg) || webp || gif
    }
}
