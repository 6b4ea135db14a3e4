extension ImageDecoder {
    /// The text chunks of a PNG (tEXt, zTXt and iTXt) in file order, without decoding its pixels. Compressed text
    /// is inflated (at most 64 MiB per chunk); each text chunk's CRC is checked.
    /// - Throws: ``ImageCodecError``: `unrecognizedFormat` (not a PNG), `truncatedData` (no IEND before the data
    ///   ends), `corruptData` (bad chunk header, bad CRC, malformed text chunk) or `tooLarge` (a chunk inflates to
    ///   more than 64 MiB).
    public static func pngTextChunks(_ bytes: [UInt8]) throws(ImageCodecError) -> [PNGTextChunk] {
        try PNGTextReader(bytes).textChunks()
    }
}
