import Foundation
// Resize throughput on a 1024² RGB image with the methods of ComfyUI's upscale nodes.
import WeftBenchmarkSupport
import WeftTensor

/// Prints `resize`'s median time and output megapixels per second (result height × width per second, 3 channels each)
/// for a [1, 3, 1024, 1024] image with values in [0, 1): bilinear and bicubic to 2048², also bilinear on the same image
/// channels-last ([1, 1024, 1024, 3], as ComfyUI's IMAGE), and lanczos down to 512², median of the repetitions after
/// one warm-up. For scale it also times what every result costs before any resampling: allocating a fresh 2048² × 3
/// float buffer and touching each of its pages once (zero-filling it).
func benchmarkResize(repetitions: Int = 9) {
    let values = deterministicTensor([1, 3, 1024, 1024], seed: 6).scalars.map { ($0 + 1) / 2 }
    let image = try! Tensor(shape: [1, 3, 1024, 1024], values: values)
    let channelsLast = try! Tensor(shape: [1, 1024, 1024, 3], values: values)
    let cases: [(name: String, method: UpscaleMethod, size: Int, channelsLast: Bool)] = [
        ("bilinear", .bilinear, 2048, false), ("bilinear, channels-last", .bilinear, 2048, true),
        ("bicubic", .bicubic, 2048, false), ("lanczos", .lanczos, 512, false),
    ]
    print("\nresize of a 1024² RGB image (median of \(repetitions) after one warm-up)")
    print("method | output | median ms | output MP/s")
    for (name, method, size, isChannelsLast) in cases {
        let time = medianTime(repetitions: repetitions) {
            if isChannelsLast {
                _ = try! upscale(channelsLast: channelsLast, height: size, width: size, method: method, crop: .disabled)
            } else {
                _ = try! resize(image, height: size, width: size, method: method)
            }
        }
        print("\(name) | " + String(format: "%d² | %.2f | %.1f", size, time * 1e3, Double(size * size) / time / 1e6))
    }
    let fresh = medianTime(repetitions: repetitions) {
        let buffer = [Float](repeating: 0, count: 3 * 2048 * 2048)
        precondition(buffer.count == 3 * 2048 * 2048)
    }
    print(String(format: "fresh zero-filled 2048² × 3 floats (the allocation floor) | 2048² | %.2f | %.1f", fresh * 1e3, 2048 * 2048 / fresh / 1e6))
}
