// Group norm throughput against a plain memcpy of the same bytes, on a Stable Diffusion UNet activation.
import Foundation
import WeftTensor

/// Prints group norm's throughput over [2, 320, 64, 64] with 32 groups, weight and bias (bytes read + written per
/// second, median of the repetitions after one warm-up), next to `memcpy` of the same bytes into a reused buffer and
/// into a freshly allocated one (group norm allocates its result), and the ratio to the reused-buffer copy.
func benchmarkGroupNorm(repetitions: Int = 21) {
    let shape = [2, 320, 64, 64]
    let x = deterministicTensor(shape, seed: 0)
    let weight = try! Tensor(shape: [320], values: (0..<320).map { 1 + Float($0) / 320 })
    let bias = try! Tensor(shape: [320], values: (0..<320).map { Float($0) / 640 })
    let bytes = x.count * MemoryLayout<Float>.size
    let moved = 2 * Double(bytes)
    let normTime = medianTime(repetitions: repetitions) { _ = try! groupNorm(x, groups: 32, weight: weight, bias: bias) }
    let target = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    defer { target.deallocate() }
    let copyTime = x.withUnsafeBufferPointer { source in
        medianTime(repetitions: repetitions) { memcpy(target, source.baseAddress!, bytes) }
    }
    let freshCopyTime = x.withUnsafeBufferPointer { source in
        medianTime(repetitions: repetitions) {
            let fresh = [Float](unsafeUninitializedCapacity: x.count) { buffer, count in
                memcpy(buffer.baseAddress!, source.baseAddress!, bytes)
                count = x.count
            }
            precondition(fresh.count == x.count)
        }
    }
    print("\ngroup norm [2, 320, 64, 64], 32 groups, weight + bias (\(bytes / 1_048_576) MiB in, same out; median of \(repetitions))")
    print("kernel | median ms | GB/s (read + written)")
    for (name, time) in [("groupNorm", normTime), ("memcpy, reused buffer", copyTime), ("memcpy, fresh allocation", freshCopyTime)] {
        print("\(name) | " + String(format: "%.3f | %.1f", time * 1e3, moved / time / 1e9))
    }
    print(String(format: "groupNorm / memcpy (reused buffer): %.0f %% (target ≥ 50 %%)", copyTime / normTime * 100))
}
