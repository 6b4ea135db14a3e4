import Foundation
// PNG encode and decode of a 1024 × 1024 RGB image, and the IMAGE tensor conversions around them, as SaveImage and
// LoadImage run them.
import WeftBenchmarkSupport
import WeftImage
import WeftTensor

/// Prints the median time and megapixels per second of PNG encoding (ComfyUI's level 4 and the previews' level 1),
/// PNG decoding, and the conversions between 8-bit pixels and the Float32 IMAGE tensor, on a 1024 × 1024 RGB image
/// with smooth gradients and some noise (a photo compresses about as well).
func benchmarkImageCodecs(repetitions: Int = 9) {
    let side = 1024
    var pixels = [UInt8](repeating: 0, count: side * side * 3)
    var state: UInt32 = 12345
    for y in 0..<side {
        for x in 0..<side {
            state = state &* 1_664_525 &+ 1_013_904_223
            let noise = Int(state >> 28)
            let base = (y * side + x) * 3
            pixels[base] = UInt8((x / 4 + noise) & 0xFF)
            pixels[base + 1] = UInt8((y / 4 + noise) & 0xFF)
            pixels[base + 2] = UInt8(((x + y) / 8 + noise) & 0xFF)
        }
    }
    let raster = try! RasterImage(width: side, height: side, channels: 3, pixels: pixels)
    let level4 = try! ImageEncoder.png(raster, compressionLevel: 4)
    let tensor = ImageTensors.image(from: raster)
    let megapixels = Double(side * side) / 1e6
    let cases: [(String, () -> Void)] = [
        ("PNG encode, level 4 (SaveImage)", { _ = try! ImageEncoder.png(raster, compressionLevel: 4) }),
        ("PNG encode, level 1 (PreviewImage)", { _ = try! ImageEncoder.png(raster, compressionLevel: 1) }),
        ("PNG decode", { _ = try! ImageDecoder.decode(level4) }),
        ("8-bit pixels -> IMAGE tensor", { _ = ImageTensors.image(from: raster) }),
        ("IMAGE tensor -> 8-bit pixels", { _ = try! ImageTensors.raster(fromImage: tensor, at: 0) }),
    ]
    print("\nPNG and IMAGE conversion, 1024 x 1024 RGB (level-4 file: \(level4.count / 1024) KiB; median of \(repetitions))")
    print("step | median ms | megapixels/s")
    for (name, body) in cases {
        let time = medianTime(repetitions: repetitions, body)
        print("\(name) | " + String(format: "%.2f | %.1f", time * 1e3, megapixels / time))
    }
}
