import Foundation
// Stable Diffusion 1.5 on the CPU, end to end, on a synthetic full-size checkpoint: generation and load of the F16
// file, one UNet evaluation against the sgemm peak, a VAE decode, text-to-image at 128², 256² and 512² (the last in a
// fresh process for its peak RSS), printed as a markdown table with the targets.
// Run: swift build -c release --product weft-bench-diffusion && .build/release/weft-bench-diffusion [--cache-dir DIR] [--steps N]
import WeftBenchmarkSupport

guard let options = BenchmarkOptions(Array(CommandLine.arguments.dropFirst())) else { exit(2) }
do {
    switch options.mode {
    case .benchmark:
        var benchmark = DiffusionBenchmark(options: options)
        try benchmark.run()
    case .generate(let path):
        try SyntheticCheckpoint.generate(at: path)
    case .textToImage(let path):
        try LargeTextToImage.run(checkpoint: path, steps: options.largeSteps)
    }
} catch {
    FileHandle.standardError.write(Data("weft-bench-diffusion: \(error)\n".utf8))
    exit(1)
}
