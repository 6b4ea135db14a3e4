import Foundation
// conv2d throughput on a Stable Diffusion UNet layer, as a fraction of the all-cores cblas_sgemm peak.
import WeftBenchmarkSupport
import WeftTensor

/// Prints conv2d's GFLOP/s for 320 → 320 channels at 64×64 (3×3 with padding 1 at batch 1 and 2, and 1×1 at batch
/// 1), median of the repetitions after one warm-up, counting 2·Cout·Cin·kH·kW·H·W operations per image, next to the
/// median all-cores sgemm GFLOP/s at 2048² measured just before, and the ratio (target ≥ 70 % for 3×3).
func benchmarkConv2D(repetitions: Int = 9) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let peak = allCoresGEMMPeak(repetitions: repetitions)
    print("\nconv2d 320 → 320 channels at 64×64 vs the all-cores sgemm peak (median of \(repetitions) after one warm-up)")
    print(String(format: "sgemm 2048², %d threads: %.1f GFLOP/s", cores, peak))
    print("kernel | batch | median ms | GFLOP/s | % of peak")
    let bias = deterministicTensor([320], seed: 5)
    for (kernel, padding, batch) in [(3, 1, 1), (3, 1, 2), (1, 0, 1)] {
        let input = deterministicTensor([batch, 320, 64, 64], seed: 1)
        let weight = deterministicTensor([320, 320, kernel, kernel], seed: 2)
        let time = medianTime(repetitions: repetitions) { _ = try! conv2d(input, weight: weight, bias: bias, padding: (padding, padding)) }
        let operations = Double(batch) * 2 * 320 * 320 * Double(kernel * kernel) * 64 * 64
        let rate = operations / time / 1e9
        print(String(format: "%d×%d pad %d | %d | %.2f | %.1f | %.0f %%", kernel, kernel, padding, batch, time * 1e3, rate, 100 * rate / peak))
    }
}
