import Testing
import WeftImage

/// Files made by Pillow or a separate Python writer (Fixtures/README.md), checked against values computed here.
@Suite("Reference files from an independent encoder")
struct ReferenceFixtureTests {
    @Test("16-bit gray keeps the high byte")
    func gray16() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("gray16.png"))
        let expected = try TestImage.make(width: 5, height: 3, channels: 1) { x, y in [((x * 16411 + y * 7919) % 65536) >> 8] }
        #expect(image == expected)
    }

    @Test("16-bit RGBA keeps the high byte of each sample")
    func rgba16() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("rgba16.png"))
        let expected = try TestImage.make(width: 3, height: 2, channels: 4) { x, y in
            (0..<4).map { c in ((x * 20000 + y * 3000 + c * 1111) % 65536) >> 8 }
        }
        #expect(image == expected)
    }

    @Test("a 2-bit palette with a short tRNS becomes RGBA")
    func paletteWithTransparency() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("palette_trns.png"))
        let palette: [[UInt8]] = [[255, 0, 0, 0], [0, 255, 0, 128], [0, 0, 255, 255], [10, 20, 30, 255]]
        let expected = [0, 1, 2, 3, 3, 2, 1, 0].flatMap { palette[$0] }
        #expect(image == (try RasterImage(width: 4, height: 2, channels: 4, pixels: expected)))
    }

    @Test("gray+alpha stays two channels")
    func grayAlpha() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("gray_alpha.png"))
        let expected = try TestImage.make(width: 3, height: 3, channels: 2) { x, y in [30 * (x + 3 * y), 255 - 25 * (x + 3 * y)] }
        #expect(image == expected)
    }

    @Test("Adam7 interlacing is undone")
    func interlaced() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("interlaced_rgb.png"))
        let expected = try TestImage.make(width: 9, height: 7, channels: 3) { x, y in [28 * x, 36 * y, x * y * 5 % 256] }
        #expect(image == expected)
    }

    @Test("1-bit gray expands to 0 and 255")
    func oneBitGray() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("gray1.png"))
        let expected = try TestImage.make(width: 10, height: 2, channels: 1) { x, y in [(x + y) % 3 == 0 ? 255 : 0] }
        #expect(image == expected)
    }

    @Test("an RGB colour key becomes alpha")
    func colourKey() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("rgb_trns.png"))
        #expect(image == (try RasterImage(width: 3, height: 1, channels: 4, pixels: [255, 0, 0, 255, 0, 255, 0, 0, 0, 0, 255, 255])))
    }

    @Test("a PNG with text chunks decodes its pixels")
    func textChunkImage() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("text_chunks.png"))
        #expect(image == (try TestImage.make(width: 2, height: 2, channels: 3) { _, _ in [9, 8, 7] }))
    }

    @Test("baseline and progressive JPEG quadrants", arguments: ["blocks.jpg", "blocks_progressive.jpg"])
    func jpegBlocks(name: String) throws {
        let image = try ImageDecoder.decode(try Fixture.bytes(name))
        #expect(image.width == 16 && image.height == 16 && image.channels == 3)
        let quadrants = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]
        for y in 0..<16 {
            for x in 0..<16 {
                let expected = quadrants[(y / 8) * 2 + x / 8]
                let actual = TestImage.pixel(image, x, y)
                #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 8 }, "pixel (\(x), \(y)) is \(actual)")
            }
        }
    }

    @Test("a gray JPEG decodes to RGB with equal channels")
    func grayJPEG() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("gray.jpg"))
        #expect(image.width == 8 && image.height == 8 && image.channels == 3)
        for y in 0..<8 {
            for x in 0..<8 {
                let actual = TestImage.pixel(image, x, y)
                #expect(actual[0] == actual[1] && actual[1] == actual[2])
                #expect(abs(actual[0] - 32 * x) <= 10, "pixel (\(x), \(y)) is \(actual)")
            }
        }
    }

    @Test("an Adobe CMYK JPEG is converted to RGB as Pillow shows it")
    func cmykJPEG() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("cmyk.jpg"))
        #expect(image.width == 16 && image.height == 8 && image.channels == 3)
        for y in 0..<8 {
            for x in 0..<16 {
                let expected = x < 8 ? [255, 0, 0] : [127, 127, 127]
                let actual = TestImage.pixel(image, x, y)
                #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 8 }, "pixel (\(x), \(y)) is \(actual)")
            }
        }
    }

    @Test("a lossless RGBA WebP decodes exactly")
    func losslessWebP() throws {
        let image = try ImageDecoder.decode(try Fixture.bytes("lossless_rgba.webp"))
        let expected = try TestImage.make(width: 4, height: 3, channels: 4) { x, y in [60 * x, 80 * y, 200 - 10 * x, 255 - 20 * (x + 4 * y)] }
        #expect(image == expected)
    }
}
