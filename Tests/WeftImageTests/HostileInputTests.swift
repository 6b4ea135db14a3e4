import Testing
import WeftImage

/// Damaged, malicious and nonsensical input: every case must end in a clear ImageCodecError, never a crash, an
/// abort from libpng or libjpeg, or a huge allocation.
@Suite("Hostile input")
struct HostileInputTests {
    private let png = try! ImageEncoder.png(try! TestImage.noise(width: 32, height: 32, channels: 4))

    /// `png` with the data of its first chunk of `type` changed by `edit`; the CRC is recomputed when `fixCRC`.
    private func editing(_ type: String, fixCRC: Bool, _ edit: (inout [UInt8]) -> Void) -> [UInt8] {
        let chunk = PNGBytes.chunks(png).first { $0.type == type }!
        var data = Array(png[(chunk.offset + 8)..<(chunk.offset + 8 + chunk.length)])
        edit(&data)
        var replacement = PNGBytes.chunk(type, data)
        if !fixCRC {
            replacement.replaceSubrange((replacement.count - 4)..., with: png[(chunk.offset + 8 + chunk.length)..<(chunk.offset + 12 + chunk.length)])
        }
        return Array(png[..<chunk.offset]) + replacement + Array(png[(chunk.offset + 12 + chunk.length)...])
    }

    /// `png` with one bit of the stored CRC of its first chunk of `type` flipped; the chunk data stays intact.
    private func breakingCRC(of type: String) -> [UInt8] {
        let chunk = PNGBytes.chunks(png).first { $0.type == type }!
        var bytes = png
        bytes[chunk.offset + 8 + chunk.length] ^= 0x01
        return bytes
    }

    private func decodeError(_ bytes: [UInt8], maxPixels: Int = 16384 * 16384) -> ImageCodecError? {
        #expect(throws: ImageCodecError.self) { try ImageDecoder.decode(bytes, maxPixels: maxPixels) }
    }

    @Test("garbage and empty input are not an image", arguments: [[], [0], Array("hello, world".utf8), Array(repeating: 0xAB, count: 4096)])
    func garbage(bytes: [UInt8]) {
        let error = decodeError(bytes)
        #expect(error?.code == .unrecognizedFormat)
        #expect(error?.description == "cannot decode an image: the \(bytes.count) bytes are not PNG, JPEG or WebP data")
    }

    @Test("a PNG cut anywhere is truncated data", arguments: [8, 12, 20, 33, 100, -100, -13, -1])
    func truncatedPNG(cut: Int) {
        let end = cut >= 0 ? cut : png.count + cut
        let error = decodeError(Array(png[..<end]))
        #expect(error?.code == .truncatedData)
        #expect(error?.operation == "decode PNG")
    }

    @Test("a header claiming 65535 x 65535 fails at once, without allocating the pixels")
    func hugeHeader() {
        let bytes =
            PNGBytes.header(width: 65535, height: 65535, bitDepth: 16, colorType: 6)
            + PNGBytes.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]) + PNGBytes.chunk("IEND", [])
        let clock = ContinuousClock()
        var error: ImageCodecError?
        let elapsed = clock.measure { error = decodeError(bytes) }
        #expect(error?.code == .tooLarge)
        #expect(error?.description == "cannot decode PNG: a 65535 x 65535 image has more than the 268435456 pixels allowed")
        #expect(elapsed < .milliseconds(500))
    }

    @Test("wider or taller than 65535 is refused even when maxPixels allows it", arguments: [(70000, 1), (1, 70000)])
    func tooWide(width: UInt32, height: UInt32) {
        let bytes = PNGBytes.header(width: width, height: height) + PNGBytes.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]) + PNGBytes.chunk("IEND", [])
        let error = decodeError(bytes, maxPixels: .max)
        #expect(error?.code == .tooLarge)
        #expect(error?.message == "a \(width) x \(height) image is wider or taller than 65535 pixels")
    }

    @Test("a tiny file claiming an allowed but large size is refused before allocating")
    func tooShortForItsHeader() {
        let bytes =
            PNGBytes.header(width: 16384, height: 16384, bitDepth: 8, colorType: 6)
            + PNGBytes.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]) + PNGBytes.chunk("IEND", [])
        let clock = ContinuousClock()
        var error: ImageCodecError?
        let elapsed = clock.measure { error = decodeError(bytes) }
        #expect(error?.code == .truncatedData)
        #expect(error?.message.contains("cannot hold a 16384 x 16384 image") == true)
        #expect(elapsed < .milliseconds(500))
    }

    @Test("maxPixels is honoured")
    func maxPixels() throws {
        let error = decodeError(png, maxPixels: 32 * 32 - 1)
        #expect(error?.code == .tooLarge)
        #expect(try ImageDecoder.decode(png, maxPixels: 32 * 32).width == 32)
    }

    @Test("a zero-size PNG is corrupt, with libpng's reason", arguments: [(0, 5), (5, 0)])
    func zeroSize(width: UInt32, height: UInt32) {
        let bytes = PNGBytes.header(width: width, height: height) + PNGBytes.chunk("IEND", [])
        let error = decodeError(bytes)
        #expect(error?.code == .corruptData)
        #expect(error?.message == "Invalid IHDR data (Image \(width == 0 ? "width" : "height") is zero in IHDR)")
    }

    @Test("a CRC error in IDAT is an error, not an abort, and decoding goes on working afterwards")
    func idatCRCError() throws {
        let damaged = breakingCRC(of: "IDAT")
        for _ in 0..<50 {
            let error = decodeError(damaged)
            #expect(error?.code == .corruptData)
            #expect(error?.description == "cannot decode PNG: IDAT: CRC error")
        }
        #expect(try ImageDecoder.decode(png).pixels.count == 32 * 32 * 4)
    }

    @Test("a CRC error in IHDR is corrupt data")
    func ihdrCRCError() {
        let error = decodeError(breakingCRC(of: "IHDR"))
        #expect(error?.code == .corruptData)
        #expect(error?.message == "IHDR: CRC error")
    }

    @Test("changed image data under the old CRC is corrupt data")
    func changedImageData() {
        let error = decodeError(editing("IDAT", fixCRC: false) { $0[$0.count / 2] ^= 0x55 })
        #expect(error?.code == .corruptData)
        #expect(error?.message.hasPrefix("IDAT: ") == true)
    }

    @Test("damaged deflate data with a valid CRC is corrupt data")
    func badDeflateData() {
        let error = decodeError(
            editing("IDAT", fixCRC: true) { data in
                for index in 2..<min(data.count, 200) { data[index] = 0xFF }
            })
        #expect(error?.code == .corruptData)
        #expect(error?.operation == "decode PNG")
    }

    @Test("an image-data stream that ends too soon is an error")
    func tooLittleImageData() {
        let short = PNGBytes.header(width: 32, height: 32) + PNGBytes.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00]) + PNGBytes.chunk("IEND", [])
        let error = decodeError(short)
        #expect(error?.code == .corruptData)
        #expect(error?.message.isEmpty == false)
    }

    @Test("a truncated JPEG is truncated data, not a gray-padded image")
    func truncatedJPEG() throws {
        let jpeg = try ImageEncoder.jpeg(try TestImage.noise(width: 64, height: 64, channels: 3), quality: 90)
        for end in [3, 40, jpeg.count / 2, jpeg.count - 2] {
            let error = decodeError(Array(jpeg[..<end]))
            #expect(error?.code == .truncatedData, "cut at \(end)")
            #expect(error?.operation == "decode JPEG")
        }
    }

    @Test("corrupt JPEGs fail with libjpeg's message")
    func corruptJPEG() throws {
        let jpeg = try ImageEncoder.jpeg(try TestImage.noise(width: 16, height: 16, channels: 3), quality: 90)
        let sof = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }!
        var zeroHeight = jpeg
        zeroHeight[sof + 5] = 0
        zeroHeight[sof + 6] = 0
        let badMarker = [0xFF, 0xD8, 0xFF, 0xDD, 0x00, 0x02] + Array(repeating: UInt8(0x5A), count: 64)
        var noQuantization = jpeg
        let dqt = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDB }!
        noQuantization[dqt + 1] = 0xFE  // the quantization tables become a comment
        let expectations = [
            (zeroHeight, "Empty JPEG image"), (badMarker, "Bogus marker length"), (noQuantization, "Quantization table 0x00 was not defined"),
        ]
        for (bytes, message) in expectations {
            let error = decodeError(bytes)
            #expect(error?.code == .corruptData)
            #expect(error?.operation == "decode JPEG")
            #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        }
    }

    @Test("a JPEG whose scan stops at a marker is corrupt data, not a gray-padded image")
    func interruptedScan() throws {
        let jpeg = try ImageEncoder.jpeg(try TestImage.noise(width: 64, height: 64, channels: 3), quality: 90)
        let sos = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }!
        let scanStart = sos + 2 + Int(jpeg[sos + 2]) << 8 + Int(jpeg[sos + 3])
        let interrupted = Array(jpeg[..<(scanStart + 100)]) + [0xFF, 0xD9]
        let error = decodeError(interrupted)
        #expect(error?.code == .corruptData)
        #expect(error?.message == "Corrupt JPEG data: premature end of data segment")
    }

    @Test("WebP garbage and truncated WebP fail clearly")
    func badWebP() throws {
        let garbage = Array("RIFF".utf8) + [200, 0, 0, 0] + Array("WEBPVP8 ".utf8) + Array(repeating: UInt8(0x33), count: 200)
        let garbageError = decodeError(garbage)
        #expect(garbageError?.operation == "decode WebP")
        #expect(garbageError.map { [.corruptData, .truncatedData, .unsupported].contains($0.code) } == true)

        let webp = try ImageEncoder.webp(try TestImage.noise(width: 64, height: 64, channels: 3), quality: 80)
        let truncatedError = decodeError(Array(webp[..<(webp.count / 2)]))
        #expect(truncatedError?.code == .truncatedData)
        #expect(truncatedError?.description == "cannot decode WebP: the WebP data ends early")

        let header = decodeError(Array(webp[..<12]))
        #expect(header?.operation == "decode WebP")
    }

    @Test("text reading: not a PNG, truncated, bad CRC")
    func badTextInput() throws {
        #expect(
            throws: ImageCodecError(.unrecognizedFormat, operation: "read PNG text chunks", message: "the data does not start with the PNG signature")
        ) {
            try ImageDecoder.pngTextChunks(Array("not a png".utf8))
        }
        let withText = try ImageEncoder.png(try TestImage.noise(width: 2, height: 2, channels: 1), text: [PNGTextChunk(key: "k", value: "value")])
        let truncated = #expect(throws: ImageCodecError.self) { try ImageDecoder.pngTextChunks(Array(withText.dropLast(12))) }
        #expect(truncated?.code == .truncatedData)

        let text = PNGBytes.chunks(withText).first { $0.type == "tEXt" }!
        var badCRC = withText
        badCRC[text.offset + 10] ^= 1
        let crcError = #expect(throws: ImageCodecError.self) { try ImageDecoder.pngTextChunks(badCRC) }
        #expect(crcError?.code == .corruptData)
        #expect(crcError?.message == "the tEXt chunk at byte \(text.offset) has a bad CRC")
    }

    @Test("a zTXt chunk that inflates past 64 MiB is refused")
    func zipBomb() throws {
        // The IDAT stream of an all-zero 8192 x 8200 gray PNG inflates to 67 182 600 bytes (> 64 MiB).
        let zeros = try RasterImage(width: 8192, height: 8200, channels: 1, pixels: Array(repeating: 0, count: 8192 * 8200))
        let stream = PNGBytes.data(of: "IDAT", in: try ImageEncoder.png(zeros, compressionLevel: 9))
        #expect(stream.count < 200_000)
        let bomb =
            PNGBytes.header(width: 1, height: 1, bitDepth: 8, colorType: 0)
            + PNGBytes.chunk("zTXt", Array("bomb".utf8) + [0, 0] + stream) + PNGBytes.chunk("IEND", [])
        let error = #expect(throws: ImageCodecError.self) { try ImageDecoder.pngTextChunks(bomb) }
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("\"bomb\"") == true)
    }

    @Test("a zTXt chunk with broken deflate data is corrupt")
    func brokenZTXt() {
        let bytes =
            PNGBytes.header(width: 1, height: 1, bitDepth: 8, colorType: 0)
            + PNGBytes.chunk("zTXt", Array("k".utf8) + [0, 0, 0x78, 0x9C, 0xFF, 0xFF, 0xFF]) + PNGBytes.chunk("IEND", [])
        let error = #expect(throws: ImageCodecError.self) { try ImageDecoder.pngTextChunks(bytes) }
        #expect(error?.code == .corruptData)
    }
}
