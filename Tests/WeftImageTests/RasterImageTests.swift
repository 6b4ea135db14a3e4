import Testing
import WeftImage

@Suite("RasterImage and ImageFormat")
struct RasterImageTests {
    @Test("init keeps valid sizes")
    func validImage() throws {
        let image = try RasterImage(width: 2, height: 3, channels: 4, pixels: Array(repeating: 7, count: 24))
        #expect(image.width == 2)
        #expect(image.height == 3)
        #expect(image.channels == 4)
        #expect(image.pixels.count == 24)
        #expect(image.hasAlpha)
    }

    @Test(
        "init refuses inconsistent sizes",
        arguments: [
            (0, 3, 3, 0), (3, 0, 3, 0), (-1, 3, 3, 3), (2, 2, 0, 0), (2, 2, 5, 20), (2, 2, 3, 11), (2, 2, 3, 13),
            (Int.max, 2, 1, 4),
        ])
    func invalidImage(width: Int, height: Int, channels: Int, count: Int) {
        let error = #expect(throws: ImageCodecError.self) {
            try RasterImage(width: width, height: height, channels: channels, pixels: Array(repeating: 0, count: count))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.operation == "create an image")
    }

    @Test("sniff recognises magic numbers only")
    func sniff() {
        #expect(ImageFormat.sniff(PNGBytes.signature + [0, 0]) == .png)
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(Array("RIFF\u{1}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Array("RIFF\u{1}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(ImageFormat.sniff([0x89, 0x50, 0x4E, 0x47]) == nil)
        #expect(ImageFormat.sniff([UInt8]()) == nil)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == nil)
        #expect(ImageFormat.sniff(ArraySlice(PNGBytes.signature)) == .png)
        #expect(ImageFormat.webp.mimeType == "image/webp")
    }

    @Test("errors read as plain English")
    func errorDescription() {
        let error = ImageCodecError(.corruptData, operation: "decode PNG", message: "IDAT: CRC error")
        #expect(error.description == "cannot decode PNG: IDAT: CRC error")
        #expect(ImageCodecError.Code.truncatedData.description == "truncated data")
    }
}
