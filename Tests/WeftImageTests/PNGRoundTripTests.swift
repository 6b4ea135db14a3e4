import Testing
import WeftImage

@Suite("PNG encode and decode")
struct PNGRoundTripTests {
    @Test("exact round trip", arguments: [1, 2, 3, 4])
    func roundTrip(channels: Int) throws {
        let image = try TestImage.noise(width: 13, height: 7, channels: channels)
        let png = try ImageEncoder.png(image)
        #expect(ImageFormat.sniff(png) == .png)
        #expect(try ImageDecoder.decode(png) == image)
    }

    @Test("every compression level gives the same pixels", arguments: [0, 1, 9])
    func compressionLevels(level: Int) throws {
        let image = try TestImage.ramp(width: 64, height: 16, channels: 3)
        let png = try ImageEncoder.png(image, compressionLevel: level)
        #expect(try ImageDecoder.decode(png) == image)
    }

    @Test("level 0 stores, level 9 compresses")
    func compressionMatters() throws {
        let image = try TestImage.ramp(width: 64, height: 64, channels: 4)
        let stored = try ImageEncoder.png(image, compressionLevel: 0)
        let compressed = try ImageEncoder.png(image, compressionLevel: 9)
        #expect(stored.count > image.pixels.count)
        #expect(compressed.count < stored.count / 4)
    }

    @Test("the header says 8-bit, the image's colour type, not interlaced")
    func header() throws {
        let png = try ImageEncoder.png(try TestImage.noise(width: 3, height: 2, channels: 2))
        let ihdr = PNGBytes.chunks(png)[0]
        #expect(ihdr.type == "IHDR")
        #expect(Array(png[(ihdr.offset + 8)..<(ihdr.offset + 21)]) == [0, 0, 0, 3, 0, 0, 0, 2, 8, 4, 0, 0, 0])
    }

    @Test("a single pixel and a long row survive", arguments: [(1, 1), (3000, 1), (1, 3000)])
    func extremeShapes(width: Int, height: Int) throws {
        let image = try TestImage.noise(width: width, height: height, channels: 4)
        #expect(try ImageDecoder.decode(try ImageEncoder.png(image)) == image)
    }

    @Test("compression level outside 0...9 is refused", arguments: [-1, 10])
    func invalidLevel(level: Int) throws {
        let image = try TestImage.noise(width: 2, height: 2, channels: 3)
        let error = #expect(throws: ImageCodecError.self) { try ImageEncoder.png(image, compressionLevel: level) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.operation == "encode PNG")
    }

    @Test("decoding and encoding in parallel give identical results")
    func concurrentUse() async throws {
        let images = try (1...4).map { try TestImage.noise(width: 40 + $0, height: 30, channels: $0) }
        let encoded = try images.map { try ImageEncoder.png($0) }
        let decoded = try await withThrowingTaskGroup(of: (Int, RasterImage).self) { group in
            for round in 0..<16 {
                let index = round % 4
                let bytes = encoded[index]
                group.addTask { (index, try ImageDecoder.decode(try ImageEncoder.png(try ImageDecoder.decode(bytes)))) }
            }
            return try await group.reduce(into: [(Int, RasterImage)]()) { $0.append($1) }
        }
        #expect(decoded.count == 16)
        for (index, image) in decoded {
            #expect(image == images[index])
        }
    }
}
