import Testing
import WeftImage

@Suite("JPEG encode and decode")
struct JPEGTests {
    @Test("RGB round trip stays close to the original")
    func rgbRoundTrip() throws {
        let image = try TestImage.ramp(channels: 3)
        let jpeg = try ImageEncoder.jpeg(image, quality: 90)
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.width == 32)
        #expect(decoded.height == 32)
        #expect(decoded.channels == 3)
        #expect(TestImage.maxDifference(decoded, image) <= 12)
    }

    @Test("RGBA loses its alpha and keeps its colour")
    func rgbaDropsAlpha() throws {
        let image = try TestImage.ramp(channels: 4)
        let decoded = try ImageDecoder.decode(try ImageEncoder.jpeg(image, quality: 90))
        #expect(decoded.channels == 3)
        #expect(TestImage.maxDifference(decoded, image.rgb()) <= 12)
    }

    @Test("gray is written as a one-component JPEG and decodes to equal R, G and B", arguments: [1, 2])
    func grayStaysGray(channels: Int) throws {
        let image = try TestImage.ramp(width: 24, height: 16, channels: channels)
        let jpeg = try ImageEncoder.jpeg(image, quality: 95)
        #expect(Self.componentCount(jpeg) == 1)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.channels == 3)
        #expect(decoded.width == 24)
        #expect(decoded.height == 16)
        #expect(TestImage.maxDifference(decoded, image.rgb()) <= 6)
        for index in stride(from: 0, to: decoded.pixels.count, by: 3) {
            #expect(decoded.pixels[index] == decoded.pixels[index + 1] && decoded.pixels[index] == decoded.pixels[index + 2])
        }
    }

    @Test("lower quality gives a smaller file")
    func qualityMatters() throws {
        let image = try TestImage.noise(width: 64, height: 64, channels: 3)
        let small = try ImageEncoder.jpeg(image, quality: 10)
        let large = try ImageEncoder.jpeg(image, quality: 100)
        #expect(small.count < large.count / 2)
    }

    @Test("odd sizes round trip", arguments: [(1, 1), (17, 3), (3, 17)])
    func oddSizes(width: Int, height: Int) throws {
        let image = try TestImage.ramp(width: width, height: height, channels: 3)
        let decoded = try ImageDecoder.decode(try ImageEncoder.jpeg(image, quality: 100))
        #expect(decoded.width == width)
        #expect(decoded.height == height)
        #expect(TestImage.maxDifference(decoded, image) <= 16)
    }

    @Test("quality outside 1...100 is refused", arguments: [0, 101, -5])
    func invalidQuality(quality: Int) throws {
        let image = try TestImage.ramp(width: 8, height: 8, channels: 3)
        let error = #expect(throws: ImageCodecError.self) { try ImageEncoder.jpeg(image, quality: quality) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description == "cannot encode JPEG: quality \(quality) is outside 1...100")
    }

    @Test("wider than JPEG's 65500 pixels is refused with libjpeg's message")
    func tooWide() throws {
        let image = try RasterImage(width: 65501, height: 1, channels: 1, pixels: Array(repeating: 0, count: 65501))
        let error = #expect(throws: ImageCodecError.self) { try ImageEncoder.jpeg(image, quality: 80) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("65500") == true)
    }

    /// The component count in the first SOF0/SOF2 segment.
    static func componentCount(_ jpeg: [UInt8]) -> Int? {
        var index = 2
        while index + 9 < jpeg.count {
            guard jpeg[index] == 0xFF else {
                return nil
            }
            let marker = jpeg[index + 1]
            if marker == 0xC0 || marker == 0xC2 {
                return Int(jpeg[index + 9])
            }
            index += 2 + Int(jpeg[index + 2]) << 8 + Int(jpeg[index + 3])
        }
        return nil
    }
}
