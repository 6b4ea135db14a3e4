// The fresh-process measurement: load the checkpoint and run one 512×512 text-to-image, reporting time and peak RSS.
import WeftBenchmarkSupport
import WeftDiffusion

/// The 512×512 text-to-image run in a process of its own, so its peak RSS is that of a real generation, load included.
enum LargeTextToImage {
    /// Image side in pixels.
    static let side = 512

    /// The child's side: loads `path`, runs `steps` steps at 512×512 and reports the timings and RSS figures.
    static func run(checkpoint path: String, steps: Int) throws {
        let (loaded, loadSeconds) = try timed { try CheckpointLoader.load(path: path) }
        let loadedRSS = processStatusBytes("VmRSS") ?? 0
        guard let pipeline = TextToImage(loaded) else { throw BenchmarkFailure("the checkpoint is missing a part") }
        let timings = try pipeline.run(width: side, height: side, steps: steps)
        ChildRun.report([
            "load_seconds": loadSeconds, "rss_after_load": Double(loadedRSS), "encode": timings.encode,
            "sampling": timings.sampling, "decode": timings.decode, "total": timings.total,
            "step_fastest": timings.steps.min() ?? 0, "step_slowest": timings.steps.max() ?? 0,
            "non_finite": Double(timings.nonFiniteValues),
        ])
    }
}
