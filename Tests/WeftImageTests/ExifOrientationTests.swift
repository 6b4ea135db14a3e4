import Testing
import WeftImage

/// EXIF orientation: found in JPEG, PNG and WebP files, and applied as Pillow's `exif_transpose` does.
@Suite struct ExifOrientationTests {
    /// A minimal TIFF block whose first directory holds one SHORT entry, tag 0x0112 = `orientation`.
    static func tiff(orientation: UInt16, littleEndian: Bool) -> [UInt8] {
        func short(_ value: UInt16) -> [UInt8] {
            littleEndian ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        func long(_ value: UInt32) -> [UInt8] {
            let big = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
            return littleEndian ? big.reversed() : big
        }
        let order: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        // Header, one entry (tag, type 3 = SHORT, count 1, value padded to 4 bytes), no next directory.
        return order + short(42) + long(8) + short(1) + short(0x0112) + short(3) + long(1) + short(orientation) + [0, 0] + long(0)
    }

    /// A 3 × 2 RGB image whose pixels are all different: (x, y) → (10x + y, 100 + x, 200 + y).
    static func sample() throws -> RasterImage {
        try TestImage.make(width: 3, height: 2, channels: 3) { x, y in [10 * x + y, 100 + x, 200 + y] }
    }

    @Test(arguments: [true, false])
    func readsJPEGApp1(littleEndian: Bool) throws {
        let jpeg = try ImageEncoder.jpeg(try Self.sample(), quality: 90)
        let app1Body = Array("Exif".utf8) + [0, 0] + Self.tiff(orientation: 6, littleEndian: littleEndian)
        let length = UInt16(app1Body.count + 2)
        let tagged = Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + app1Body + Array(jpeg[2...])
        #expect(ExifOrientation.read(from: tagged) == 6)
        #expect(try ImageDecoder.decode(tagged).width == 3)
        #expect(ExifOrientation.read(from: jpeg) == 1)
    }

    @Test func readsPNGeXIfBeforeTheImageData() throws {
        let png = try ImageEncoder.png(try Self.sample())
        let idat = try #require(PNGBytes.chunks(png).first { $0.type == "IDAT" })
        let tagged = Array(png[0..<idat.offset]) + PNGBytes.chunk("eXIf", Self.tiff(orientation: 8, littleEndian: false)) + Array(png[idat.offset...])
        #expect(ExifOrientation.read(from: tagged) == 8)
        #expect(ExifOrientation.read(from: png) == 1)
    }

    @Test func damagedOrAbsentExifMeansUpright() throws {
        let png = try ImageEncoder.png(try Self.sample())
        let idat = try #require(PNGBytes.chunks(png).first { $0.type == "IDAT" })
        let cut = Array(Self.tiff(orientation: 3, littleEndian: true).prefix(12))
        let damaged = Array(png[0..<idat.offset]) + PNGBytes.chunk("eXIf", cut) + Array(png[idat.offset...])
        #expect(ExifOrientation.read(from: damaged) == 1)
        #expect(ExifOrientation.read(from: Self.tiff(orientation: 9, littleEndian: true)) == 1)
        #expect(ExifOrientation.read(from: []) == 1)
    }

    /// Where pixel (x, y) of the upright image comes from in the stored one (3 × 2), worked out for each
    /// orientation from the EXIF definitions (e.g. 6: the stored image must turn 90° clockwise) and confirmed with
    /// Pillow 13's `ImageOps.exif_transpose` on the same pixels.
    @Test(arguments: [
        (2, 3, 2, [(0, 0, 2, 0), (2, 1, 0, 1)]),
        (3, 3, 2, [(0, 0, 2, 1), (2, 1, 0, 0)]),
        (4, 3, 2, [(0, 0, 0, 1), (1, 1, 1, 0)]),
        (5, 2, 3, [(0, 0, 0, 0), (1, 2, 2, 1), (0, 2, 2, 0)]),
        (6, 2, 3, [(0, 0, 0, 1), (1, 0, 0, 0), (0, 2, 2, 1)]),
        (7, 2, 3, [(0, 0, 2, 1), (1, 2, 0, 0)]),
        (8, 2, 3, [(0, 0, 2, 0), (1, 0, 2, 1), (0, 2, 0, 0)]),
    ])
    func turnsUpright(orientation: Int, width: Int, height: Int, mapping: [(Int, Int, Int, Int)]) throws {
        let stored = try Self.sample()
        let upright = stored.applyingOrientation(orientation)
        #expect(upright.width == width && upright.height == height)
        for (x, y, sourceX, sourceY) in mapping {
            #expect(TestImage.pixel(upright, x, y) == TestImage.pixel(stored, sourceX, sourceY), "orientation \(orientation) at (\(x), \(y))")
        }
        #expect(stored.applyingOrientation(1) == stored)
    }
}
