// The yardstick every compute figure is given against.
import Foundation
public import WeftTensor

/// A tensor of `shape` with deterministic values in [-1, 1) that differ with `seed`.
public func deterministicTensor(_ shape: [Int], seed: Int) -> Tensor {
    let count = shape.reduce(1, *)
    return try! Tensor(shape: shape, values: (0..<count).map { Float(($0 &+ seed) &* 2_654_435_761 % 2003) / 1001.5 - 1 })
}

/// The all-cores `cblas_sgemm` throughput on 2048² matrices in GFLOP/s (median of `repetitions` after a warm-up), the
/// yardstick the conv2d, attention and UNet figures are given against. Leaves OpenBLAS on every core.
public func allCoresGEMMPeak(repetitions: Int) -> Double {
    BLASThreads.set(ProcessInfo.processInfo.activeProcessorCount)
    let a = deterministicTensor([2048, 2048], seed: 3)
    let b = deterministicTensor([2048, 2048], seed: 4)
    return 2 * pow(2048, 3) / medianTime(repetitions: repetitions) { _ = try! matmul(a, b) } / 1e9
}
