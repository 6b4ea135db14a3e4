import Testing
import WeftImage

@Suite("WebP encode and decode")
struct WebPTests {
    @Test("RGB round trip: same size, approximately the same pixels")
    func rgbRoundTrip() throws {
        let image = try TestImage.ramp(channels: 3)
        let webp = try ImageEncoder.webp(image, quality: 90)
        #expect(ImageFormat.sniff(webp) == .webp)
        let decoded = try ImageDecoder.decode(webp)
        #expect(decoded.width == 32)
        #expect(decoded.height == 32)
        #expect(decoded.channels == 3)
        #expect(TestImage.maxDifference(decoded, image) <= 24)
    }

    @Test("alpha is kept")
    func alphaKept() throws {
        let image = try TestImage.ramp(channels: 4)
        let decoded = try ImageDecoder.decode(try ImageEncoder.webp(image, quality: 90))
        #expect(decoded.channels == 4)
        let alpha = stride(from: 3, to: image.pixels.count, by: 4)
        #expect(alpha.map { abs(Int(decoded.pixels[$0]) - Int(image.pixels[$0])) }.max()! <= 2)
        #expect(TestImage.maxDifference(decoded.rgb(), image.rgb()) <= 24)
    }

    @Test("gray is written as RGB, gray+alpha as RGBA", arguments: [1, 2])
    func gray(channels: Int) throws {
        let image = try TestImage.ramp(width: 16, height: 16, channels: channels)
        let decoded = try ImageDecoder.decode(try ImageEncoder.webp(image, quality: 95))
        #expect(decoded.channels == (channels == 1 ? 3 : 4))
        #expect(TestImage.maxDifference(decoded.rgb(), image.rgb()) <= 24)
    }

    @Test("quality 0 and 100 both work; 100 is larger")
    func qualityRange() throws {
        let image = try TestImage.noise(width: 48, height: 48, channels: 3)
        let low = try ImageEncoder.webp(image, quality: 0)
        let high = try ImageEncoder.webp(image, quality: 100)
        #expect(low.count < high.count)
        #expect(try ImageDecoder.decode(low).width == 48)
    }

    @Test("quality outside 0...100 is refused", arguments: [-1, 101])
    func invalidQuality(quality: Int) throws {
        let image = try TestImage.ramp(width: 8, height: 8, channels: 3)
        let error = #expect(throws: ImageCodecError.self) { try ImageEncoder.webp(image, quality: quality) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.operation == "encode WebP")
    }

    @Test("wider than WebP's 16383 pixels is refused")
    func tooWide() throws {
        let image = try RasterImage(width: 16384, height: 1, channels: 3, pixels: Array(repeating: 0, count: 16384 * 3))
        let error = #expect(throws: ImageCodecError.self) { try ImageEncoder.webp(image, quality: 80) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("16383") == true)
    }
}
