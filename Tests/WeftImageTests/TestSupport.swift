import Foundation
import WeftImage

/// Reads the reference files in Fixtures/ (see Fixtures/README.md).
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return [UInt8](try Data(contentsOf: url))
    }

    struct FixtureMissing: Error {
        var name: String
    }
}

/// Small deterministic test images.
enum TestImage {
    /// Smooth ramps (JPEG and WebP keep them well): R = 8x, G = 8y, B = 128 + 2(x - y), gray = 4(x + y),
    /// alpha = 255 - 3(x + y), all clamped to 0...255.
    static func ramp(width: Int = 32, height: Int = 32, channels: Int) throws -> RasterImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let gray = clamp(4 * (x + y))
                let alpha = clamp(255 - 3 * (x + y))
                switch channels {
                case 1: pixels += [gray]
                case 2: pixels += [gray, alpha]
                case 3: pixels += [clamp(8 * x), clamp(8 * y), clamp(128 + 2 * (x - y))]
                default: pixels += [clamp(8 * x), clamp(8 * y), clamp(128 + 2 * (x - y)), alpha]
                }
            }
        }
        return try RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Every byte different from its neighbours: (31x + 17y + 59c) mod 256. Lossless codecs must keep it exactly.
    static func noise(width: Int, height: Int, channels: Int) throws -> RasterImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    pixels.append(UInt8((31 * x + 17 * y + 59 * c) % 256))
                }
            }
        }
        return try RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// An image whose pixel (x, y) has the samples `pixel(x, y)` (each 0...255).
    static func make(width: Int, height: Int, channels: Int, _ pixel: (Int, Int) -> [Int]) throws -> RasterImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += pixel(x, y).map { UInt8($0) }
            }
        }
        return try RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// The largest absolute difference between corresponding samples.
    static func maxDifference(_ a: RasterImage, _ b: RasterImage) -> Int {
        zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    /// The samples of the pixel at (x, y).
    static func pixel(_ image: RasterImage, _ x: Int, _ y: Int) -> [Int] {
        let start = (y * image.width + x) * image.channels
        return image.pixels[start..<(start + image.channels)].map(Int.init)
    }

    private static func clamp(_ value: Int) -> UInt8 {
        UInt8(min(255, max(0, value)))
    }
}
