import Foundation
// Group norm, softmax and the activations against a plain memcpy of the same bytes, on a Stable Diffusion UNet
// activation.
import WeftBenchmarkSupport
import WeftTensor

/// Prints the throughput (bytes read + written per second, median of the repetitions after one warm-up) of group norm
/// over [2, 320, 64, 64] with 32 groups, weight and bias, of the element-wise activations on the same tensor and of
/// softmax over rows of 4,096 (attention's score rows) of the same size, next to `memcpy` of the same bytes into a
/// reused buffer and into a freshly allocated one (every kernel allocates its result), and each kernel's throughput as
/// a percentage of the reused-buffer copy's.
func benchmarkGroupNorm(repetitions: Int = 21) {
    let shape = [2, 320, 64, 64]
    let x = deterministicTensor(shape, seed: 0)
    let rows = try! x.reshaped([-1, 4096])
    let weight = try! Tensor(shape: [320], values: (0..<320).map { 1 + Float($0) / 320 })
    let bias = try! Tensor(shape: [320], values: (0..<320).map { Float($0) / 640 })
    let bytes = x.count * MemoryLayout<Float>.size
    let moved = 2 * Double(bytes)
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
    let kernels: [(String, () -> Void)] = [
        ("groupNorm, 32 groups", { _ = try! groupNorm(x, groups: 32, weight: weight, bias: bias) }),
        ("silu", { _ = silu(x) }),
        ("gelu (erf)", { _ = gelu(x) }),
        ("gelu (tanh)", { _ = gelu(x, approximation: .tanh) }),
        ("quickGELU", { _ = quickGELU(x) }),
        ("softmax, rows of 4096", { _ = try! softmax(rows) }),
    ]
    print("\nmemory-bound kernels on [2, 320, 64, 64] (\(bytes / 1_048_576) MiB in, same out; median of \(repetitions))")
    print("kernel | median ms | GB/s (read + written) | % of memcpy (reused buffer)")
    for (name, time) in [("memcpy, reused buffer", copyTime), ("memcpy, fresh allocation", freshCopyTime)] {
        print("\(name) | " + String(format: "%.3f | %.1f | %.0f %%", time * 1e3, moved / time / 1e9, copyTime / time * 100))
    }
    for (name, kernel) in kernels {
        let time = medianTime(repetitions: repetitions, kernel)
        print("\(name) | " + String(format: "%.3f | %.1f | %.0f %%", time * 1e3, moved / time / 1e9, copyTime / time * 100))
    }
    print("target: groupNorm ≥ 50 % of memcpy")
}
