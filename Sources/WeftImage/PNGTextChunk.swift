/// One PNG text chunk (tEXt, zTXt or iTXt): a keyword and its text. ComfyUI stores its `prompt` and `workflow`
/// JSON this way.
public struct PNGTextChunk: Sendable, Hashable {
    /// The keyword: 1–79 printable Latin-1 characters, no leading, trailing or doubled spaces.
    public var key: String
    /// The text.
    public var value: String

    /// Makes a text chunk; the key is checked when the chunk is written.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

extension PNGTextChunk {
    /// The chunk as NUL-free bytes for CImageCodecs: the key in Latin-1, the value in Latin-1 (written as tEXt) or,
    /// when it has characters outside Latin-1, in UTF-8 (written as iTXt).
    func encodedForPNG() throws(ImageCodecError) -> (key: [UInt8], value: [UInt8], isUTF8: Bool) {
        let operation = "encode PNG"
        guard let key = Latin1.encode(key), Self.isValidKeyword(key) else {
            throw ImageCodecError(
                .invalidArgument, operation: operation,
                message: "the text key \"\(key)\" is not 1-79 printable Latin-1 characters without leading, trailing or doubled spaces")
        }
        let latin1 = Latin1.encode(value)
        let bytes = latin1 ?? Array(value.utf8)
        guard !bytes.contains(0) else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "the text for key \"\(self.key)\" contains a NUL character")
        }
        return (key, bytes, latin1 == nil)
    }

    /// The PNG rules for a keyword, which libpng would otherwise "repair" silently.
    private static func isValidKeyword(_ key: [UInt8]) -> Bool {
        guard (1...79).contains(key.count), key.first != 0x20, key.last != 0x20 else {
            return false
        }
        for (index, byte) in key.enumerated() {
            guard (0x20...0x7E).contains(byte) || byte >= 0xA1 else {
                return false
            }
            if byte == 0x20, index > 0, key[index - 1] == 0x20 {
                return false
            }
        }
        return true
    }
}
