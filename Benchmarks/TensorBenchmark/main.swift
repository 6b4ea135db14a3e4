// Single-precision GEMM throughput through WeftTensor's matmul (cblas_sgemm on OpenBLAS), the yardstick the later
// kernels (conv2d, attention) are measured against.
// Run: swift build -c release --product weft-bench-tensor && .build/release/weft-bench-tensor
import Foundation
import WeftTensor

/// A square matrix of `size` × `size` deterministic pseudo-random values in [-1, 1).
func randomMatrix(size: Int, seed: UInt64) -> Tensor {
    var state = seed
    var values = [Float](repeating: 0, count: size * size)
    for index in values.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        values[index] = Float(state >> 40) / Float(1 << 23) - 1
    }
    return try! Tensor(shape: [size, size], values: values)
}

/// Seconds elapsed in `duration`.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let cores = ProcessInfo.processInfo.activeProcessorCount
let cases: [(size: Int, repetitions: Int)] = [(1024, 15), (2048, 7)]
let clock = ContinuousClock()

print("cblas_sgemm through matmul (median of the repetitions after one warm-up; \(cores) cores)")
print("size | threads | reps | median ms | median GFLOP/s | best GFLOP/s")
for (size, repetitions) in cases {
    let a = randomMatrix(size: size, seed: 1)
    let b = randomMatrix(size: size, seed: 2)
    let operations = 2 * Double(size) * Double(size) * Double(size)
    for threads in Array(Set([1, cores])).sorted() {
        BLASThreads.set(threads)
        _ = try matmul(a, b)
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = clock.now
            _ = try matmul(a, b)
            times.append(seconds(clock.now - start))
        }
        times.sort()
        let median = times[times.count / 2]
        print(
            String(
                format: "%d² | %d | %d | %.2f | %.1f | %.1f",
                size, threads, repetitions, median * 1e3, operations / median / 1e9, operations / times[0] / 1e9
            ))
    }
}

benchmarkGroupNorm()
benchmarkConv2D()
benchmarkAttention()
