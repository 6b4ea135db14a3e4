import CImageCodecs

/// Reads the text chunks of a PNG by walking its chunk list, without touching the image data.
struct PNGTextReader {
    /// The most bytes one compressed text chunk may inflate to (a guard against zip bombs).
    static let maxInflatedSize = 64 << 20

    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    private let operation = "read PNG text chunks"
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Every tEXt, zTXt and iTXt chunk up to IEND, in file order.
    func textChunks() throws(ImageCodecError) -> [PNGTextChunk] {
        guard bytes.starts(with: Self.signature) else {
            throw ImageCodecError(.unrecognizedFormat, operation: operation, message: "the data does not start with the PNG signature")
        }
        var chunks: [PNGTextChunk] = []
        var offset = Self.signature.count
        while true {
            guard bytes.count - offset >= 12 else {
                throw failure(.truncatedData, "the data ends after \(bytes.count) bytes, before the IEND chunk")
            }
            let length = Int(bigEndian32(at: offset))
            let type = bytes[(offset + 4)..<(offset + 8)]
            let name = Latin1.decode(type)
            guard length <= 0x7FFF_FFFF, type.allSatisfy(Self.isASCIILetter) else {
                throw failure(.corruptData, "the chunk header at byte \(offset) is invalid")
            }
            let start = offset + 8
            guard bytes.count - start - 4 >= length else {
                throw failure(.truncatedData, "the \(name) chunk at byte \(offset) needs \(length) bytes but the data ends early")
            }
            switch name {
            case "IEND":
                return chunks
            case "tEXt", "zTXt", "iTXt":
                let crc = bytes.withUnsafeBufferPointer { wic_crc32(0, $0.baseAddress! + offset + 4, length + 4) }
                guard crc == bigEndian32(at: start + length) else {
                    throw failure(.corruptData, "the \(name) chunk at byte \(offset) has a bad CRC")
                }
                chunks.append(try parse(name, bytes[start..<(start + length)]))
            default:
                break
            }
            offset = start + length + 4
        }
    }

    private func parse(_ name: String, _ data: ArraySlice<UInt8>) throws(ImageCodecError) -> PNGTextChunk {
        guard let keyEnd = data.firstIndex(of: 0), keyEnd > data.startIndex else {
            throw failure(.corruptData, "a \(name) chunk has no keyword")
        }
        let key = Latin1.decode(data[..<keyEnd])
        let rest = data[(keyEnd + 1)...]
        switch name {
        case "tEXt":
            return PNGTextChunk(key: key, value: Latin1.decode(rest))
        case "zTXt":
            guard rest.first == 0 else {
                throw failure(.corruptData, "the zTXt chunk \"\(key)\" has an unknown compression method")
            }
            return PNGTextChunk(key: key, value: Latin1.decode(try inflate(rest.dropFirst(), key: key)))
        default:
            return try parseInternational(key: key, rest)
        }
    }

    /// iTXt after the keyword: compression flag, method, language tag, NUL, translated keyword, NUL, UTF-8 text.
    private func parseInternational(key: String, _ data: ArraySlice<UInt8>) throws(ImageCodecError) -> PNGTextChunk {
        guard data.count >= 2, let languageEnd = data.dropFirst(2).firstIndex(of: 0),
            let translatedEnd = data[(languageEnd + 1)...].firstIndex(of: 0)
        else {
            throw failure(.corruptData, "the iTXt chunk \"\(key)\" is malformed")
        }
        let compressed = data[data.startIndex] != 0
        let text = data[(translatedEnd + 1)...]
        guard !compressed || data[data.startIndex + 1] == 0 else {
            throw failure(.corruptData, "the iTXt chunk \"\(key)\" has an unknown compression method")
        }
        let utf8 = compressed ? try inflate(text, key: key) : Array(text)
        return PNGTextChunk(key: key, value: String(decoding: utf8, as: UTF8.self))
    }

    private func inflate(_ data: ArraySlice<UInt8>, key: String) throws(ImageCodecError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        defer { wic_free(output) }
        let failure = data.withUnsafeBufferPointer { input in
            CodecCall.run { wic_inflate(input.baseAddress, input.count, Self.maxInflatedSize, &output, &size, $0, $1) }
        }
        if let failure {
            throw ImageCodecError(
                failure.error(operation).code, operation: operation, message: "the text of \"\(key)\": \(failure.message)")
        }
        return output.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    private func bigEndian32(at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private func failure(_ code: ImageCodecError.Code, _ message: String) -> ImageCodecError {
        ImageCodecError(code, operation: operation, message: message)
    }
}
