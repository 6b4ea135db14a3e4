// Timing and input helpers shared by the tensor benchmarks.
import Foundation
import WeftTensor

/// Seconds elapsed in `duration`.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The seconds of `repetitions` runs of `body` after one warm-up run, fastest first.
func sortedTimes(repetitions: Int, _ body: () -> Void) -> [Double] {
    let clock = ContinuousClock()
    body()
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = clock.now
        body()
        times.append(seconds(clock.now - start))
    }
    return times.sorted()
}

/// The median seconds of `repetitions` runs of `body` after one warm-up run.
func medianTime(repetitions: Int, _ body: () -> Void) -> Double {
    let times = sortedTimes(repetitions: repetitions, body)
    return times[times.count / 2]
}

/// A tensor of `shape` with deterministic values in [-1, 1) that differ with `seed`.
func deterministicTensor(_ shape: [Int], seed: Int) -> Tensor {
    let count = shape.reduce(1, *)
    return try! Tensor(shape: shape, values: (0..<count).map { Float(($0 &+ seed) &* 2_654_435_761 % 2003) / 1001.5 - 1 })
}

/// The all-cores `cblas_sgemm` throughput on 2048² matrices in GFLOP/s (median of `repetitions`), the yardstick the
/// conv2d and attention figures are given against. Leaves OpenBLAS on every core.
func allCoresGEMMPeak(repetitions: Int) -> Double {
    BLASThreads.set(ProcessInfo.processInfo.activeProcessorCount)
    let a = deterministicTensor([2048, 2048], seed: 3)
    let b = deterministicTensor([2048, 2048], seed: 4)
    return 2 * pow(2048, 3) / medianTime(repetitions: repetitions) { _ = try! matmul(a, b) } / 1e9
}
