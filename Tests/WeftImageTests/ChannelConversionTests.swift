import Testing
import WeftImage

@Suite("Channel conversions")
struct ChannelConversionTests {
    private let gray = try! RasterImage(width: 2, height: 1, channels: 1, pixels: [10, 200])
    private let grayAlpha = try! RasterImage(width: 2, height: 1, channels: 2, pixels: [10, 50, 200, 60])
    private let rgb = try! RasterImage(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
    private let rgba = try! RasterImage(width: 2, height: 1, channels: 4, pixels: [1, 2, 3, 40, 4, 5, 6, 90])

    @Test("rgba expands gray and adds opaque alpha")
    func toRGBA() {
        #expect(gray.rgba().pixels == [10, 10, 10, 255, 200, 200, 200, 255])
        #expect(grayAlpha.rgba().pixels == [10, 10, 10, 50, 200, 200, 200, 60])
        #expect(rgb.rgba().pixels == [1, 2, 3, 255, 4, 5, 6, 255])
        #expect(rgba.rgba() == rgba)
        #expect(rgb.rgba().channels == 4)
    }

    @Test("rgb drops alpha and expands gray")
    func toRGB() {
        #expect(gray.rgb().pixels == [10, 10, 10, 200, 200, 200])
        #expect(grayAlpha.rgb().pixels == [10, 10, 10, 200, 200, 200])
        #expect(rgb.rgb() == rgb)
        #expect(rgba.rgb().pixels == [1, 2, 3, 4, 5, 6])
        #expect(rgba.rgb().channels == 3)
    }

    @Test("alphaOnly is black RGB with the source alpha, opaque when there is none")
    func alphaOnly() {
        #expect(rgba.alphaOnly().pixels == [0, 0, 0, 40, 0, 0, 0, 90])
        #expect(grayAlpha.alphaOnly().pixels == [0, 0, 0, 50, 0, 0, 0, 60])
        #expect(rgb.alphaOnly().pixels == [0, 0, 0, 255, 0, 0, 0, 255])
        #expect(gray.alphaOnly().channels == 4)
    }

    @Test("replacingAlpha takes the mask's alpha into an RGBA copy")
    func replaceAlpha() throws {
        let mask = try RasterImage(width: 2, height: 1, channels: 4, pixels: [9, 9, 9, 0, 9, 9, 9, 128])
        #expect(try rgb.replacingAlpha(with: mask).pixels == [1, 2, 3, 0, 4, 5, 6, 128])
        #expect(try rgba.replacingAlpha(with: mask).pixels == [1, 2, 3, 0, 4, 5, 6, 128])
        #expect(try gray.replacingAlpha(with: grayAlpha).pixels == [10, 10, 10, 50, 200, 200, 200, 60])
        #expect(try rgba.replacingAlpha(with: rgb).pixels == [1, 2, 3, 255, 4, 5, 6, 255])
    }

    @Test("replacingAlpha refuses a mask of another size")
    func replaceAlphaSizeMismatch() throws {
        let mask = try RasterImage(width: 1, height: 2, channels: 4, pixels: Array(repeating: 0, count: 8))
        let error = #expect(throws: ImageCodecError.self) { try rgba.replacingAlpha(with: mask) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description == "cannot replace alpha: the mask is 1 x 2 but the image is 2 x 1")
    }
}
