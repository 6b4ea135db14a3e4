import Foundation
// Single-precision GEMM throughput through WeftTensor's matmul (cblas_sgemm on OpenBLAS), the yardstick the later
// kernels (conv2d, attention) are measured against.
// Run: swift build -c release --product weft-bench-tensor && .build/release/weft-bench-tensor
import WeftBenchmarkSupport
import WeftTensor

if CommandLine.arguments.dropFirst().first == attentionMemoryArgument {
    measureAttentionMemory()
    exit(0)
}

let cores = ProcessInfo.processInfo.activeProcessorCount
let cases: [(size: Int, repetitions: Int)] = [(1024, 15), (2048, 7)]

print("cblas_sgemm through matmul (median of the repetitions after one warm-up; \(cores) cores)")
print("size | threads | reps | median ms | median GFLOP/s | best GFLOP/s")
for (size, repetitions) in cases {
    let a = deterministicTensor([size, size], seed: 1)
    let b = deterministicTensor([size, size], seed: 2)
    let operations = 2 * Double(size) * Double(size) * Double(size)
    for threads in Array(Set([1, cores])).sorted() {
        BLASThreads.set(threads)
        let times = sortedTimes(repetitions: repetitions) { _ = try! matmul(a, b) }
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
benchmarkResize()
benchmarkImageCodecs()
