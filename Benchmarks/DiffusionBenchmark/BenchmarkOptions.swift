import Foundation
// Command-line options of weft-bench-diffusion.
import WeftBenchmarkSupport

/// What one invocation does: the whole benchmark (the default), or one of the two measurements it runs in a fresh
/// child process of itself.
enum BenchmarkMode: Equatable {
    /// The whole benchmark, printing the table.
    case benchmark
    /// Child: write the synthetic checkpoint to the path and report the time and peak RSS.
    case generate(path: String)
    /// Child: load the checkpoint at the path, run one 512×512 text-to-image, and report timings and peak RSS.
    case textToImage(path: String)
}

/// The parsed command line: `[--cache-dir DIR] [--steps N]`, plus the internal child modes.
struct BenchmarkOptions {
    /// Where the synthetic SD1.5 checkpoint is kept between runs.
    var cacheDirectory = "/tmp/weft-bench"
    /// Sampling steps of the 512×512 text-to-image run.
    var largeSteps = 20
    /// What to do.
    var mode = BenchmarkMode.benchmark

    /// The usage text.
    static let usage = """
        usage: weft-bench-diffusion [--cache-dir DIR] [--steps N]
          --cache-dir DIR  where the synthetic SD1.5 F16 checkpoint is generated once and reused (default /tmp/weft-bench)
          --steps N        sampling steps of the 512×512 text-to-image run (default 20)
        """

    /// Parses `arguments` (without the program name); nil, after printing the usage, when they are not understood.
    init?(_ arguments: [String]) {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard let value = remaining.popFirst() else {
                print(Self.usage)
                return nil
            }
            switch flag {
            case "--cache-dir": cacheDirectory = value
            case "--steps":
                guard let steps = Int(value), steps >= 1 else {
                    print(Self.usage)
                    return nil
                }
                largeSteps = steps
            case ChildRun.generateFlag: mode = .generate(path: value)
            case ChildRun.textToImageFlag: mode = .textToImage(path: value)
            default:
                print(Self.usage)
                return nil
            }
        }
    }

    /// The synthetic checkpoint's path in the cache directory.
    var checkpointPath: String { cacheDirectory + "/sd15-synthetic-f16.safetensors" }
}
