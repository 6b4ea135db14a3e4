import Foundation
// The whole benchmark: checkpoint generation, load, one UNet evaluation, one VAE decode, text-to-image at three
// sizes (the largest in a fresh process for its peak RSS), then the table.
import WeftBenchmarkSupport
import WeftDiffusion
import WeftTensor

/// Runs every measurement in order and prints the details as it goes and the table at the end.
struct DiffusionBenchmark {
    /// The command line.
    let options: BenchmarkOptions
    /// The figures so far, as table rows.
    private var table = ResultTable()

    /// ComfyUI's seconds per 512×512 step on this machine (the faster end of its 40–50 s); the target is half.
    static let referenceStepSeconds512 = 40.0
    /// ComfyUI's seconds per 256×256 step on this machine; the target is half.
    static let referenceStepSeconds256 = 15.0
    /// The largest peak RSS allowed, as a multiple of the F16 checkpoint's size.
    static let peakRSSTargetRatio = 2.5
    /// The fraction of the all-cores sgemm peak the UNet should reach.
    static let unetTargetFraction = 0.6

    /// A benchmark with `options`.
    init(options: BenchmarkOptions) {
        self.options = options
    }

    /// Runs it.
    mutating func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        printNow("weft-bench-diffusion: SD1.5-shaped model, \(cores) cores, load average \(loadAverage()) at the start")
        guard let checkpoint = SyntheticCheckpoint.prepare(at: options.checkpointPath) else {
            throw BenchmarkFailure("could not generate \(options.checkpointPath)")
        }
        reportCheckpoint(checkpoint)
        try measureInThisProcess(checkpoint)
        try measureLargeTextToImage(checkpoint)
        printNow("\nload average \(loadAverage()) at the end\n")
        printNow(table.markdown)
    }

    /// Row 1: the checkpoint's size and how long generating it took.
    private mutating func reportCheckpoint(_ checkpoint: SyntheticCheckpoint) {
        let parameters = SD1CheckpointLayout.sd15.tensors().parameterCount
        let size = String(
            format: "%.2f GB (%@), %.3f G parameters", Double(checkpoint.bytes) / 1e9, gibibytes(checkpoint.bytes), Double(parameters) / 1e9)
        if let generation = checkpoint.generation {
            printNow(
                "generated \(checkpoint.path): \(size) in \(String(format: "%.1f s", generation.seconds)), peak RSS \(gibibytes(generation.peakRSS))")
            table.add(
                "synthetic SD1.5 checkpoint, F16",
                "\(size); generated in \(String(format: "%.1f s", generation.seconds)) (peak RSS \(gibibytes(generation.peakRSS)))")
        } else {
            printNow("reusing \(checkpoint.path): \(size)")
            table.add("synthetic SD1.5 checkpoint, F16", "\(size); reused from the cache directory")
        }
    }

    /// Rows 2–5: cold load with its peak RSS, the sgemm peak, one UNet evaluation, one VAE decode, and the small
    /// text-to-image runs. The models are released before returning, so the fresh process has the memory to itself.
    private mutating func measureInThisProcess(_ checkpoint: SyntheticCheckpoint) throws {
        let evicted = evictFromPageCache(checkpoint.path)
        let cached = pageCacheResidency(of: checkpoint.path).map { String(format: "%.0f %%", $0 * 100) } ?? "unknown"
        let highWaterReset = resetResidentHighWater()
        let before = processStatusBytes("VmRSS") ?? 0
        let (loaded, loadSeconds) = try timed { try CheckpointLoader.load(path: checkpoint.path) }
        let peak = processStatusBytes("VmHWM") ?? 0
        let after = processStatusBytes("VmRSS") ?? 0
        guard let pipeline = TextToImage(loaded) else { throw BenchmarkFailure("the checkpoint is missing a part") }
        printNow(
            "\nload (page cache dropped: \(evicted ? "yes" : "no"), file cached before the load: \(cached)): "
                + String(format: "%.2f s", loadSeconds)
                + "; RSS \(gibibytes(before)) before, \(gibibytes(after)) after, peak \(gibibytes(peak))"
                + (highWaterReset ? "" : " (peak not reset: includes everything before)"))
        table.add(
            "checkpoint load, cold (`CheckpointLoader.load`, page cache dropped, \(cached) cached)", String(format: "%.2f s", loadSeconds))
        table.add(
            "peak RSS of the load",
            "\(gibibytes(peak)) (\(String(format: "%.2f", Double(peak) / Double(checkpoint.bytes)))× the file; \(gibibytes(after)) after)")

        try measureUNet(pipeline)
        try measureVAE(pipeline)
        for (side, steps, reference) in [(128, 2, nil), (256, 2, Self.referenceStepSeconds256)] {
            let timings = try pipeline.run(width: side, height: side, steps: steps)
            printTimings(timings, side: side)
            let perStep = timings.sampling / Double(steps)
            let result = String(format: "%.2f s total, %.2f s per step", timings.total, perStep)
            if let reference {
                table.add(
                    "txt2img \(side)², \(steps) steps", result, target: String(format: "≤ %.1f s per step", reference / 2),
                    met: perStep <= reference / 2)
            } else {
                table.add("txt2img \(side)², \(steps) steps", result)
            }
        }
    }

    /// One UNet evaluation at 64×64, batch 2 (a CFG step's work), against the sgemm peak measured just before.
    private mutating func measureUNet(_ pipeline: TextToImage) throws {
        let peak = allCoresGEMMPeak(repetitions: 7)
        let (positive, _) = try pipeline.textEncoder.encode(prompt: TextToImage.prompt, clipSkip: -1)
        let (negative, _) = try pipeline.textEncoder.encode(prompt: "", clipSkip: -1)
        let context = try concat([positive, negative], dimension: 0)
        let sigma = pipeline.denoiser.schedule.sigmaMax
        let x = try LatentNoise.noise(shape: [2, 4, 64, 64], seed: 1) * sigma
        let sigmas = [Float](repeating: sigma, count: 2)
        let times = try (0..<2).map { _ in try timed { try pipeline.denoiser.denoise(x, sigma: sigmas, context: context) }.seconds }
        let operations = 2 * unetMultiplyAccumulates(SD1UNetLayout.sd15, batch: 2, height: 64, width: 64, contextTokens: context.shape[1])
        let rate = operations / times[1] / 1e9
        printNow(
            String(
                format:
                    "\nsgemm 2048² all cores: %.1f GFLOP/s\nUNet 64×64 batch 2: %.2f s (first call %.2f s), %.1f GFLOP (2·MACs), %.1f GFLOP/s, %.0f %% of peak",
                peak, times[1], times[0], operations / 1e9, rate, 100 * rate / peak))
        table.add("`cblas_sgemm` 2048², all cores", String(format: "%.1f GFLOP/s", peak))
        table.add(
            "UNet, 64×64 latent, batch 2 (second of two calls)",
            String(format: "%.2f s, %.0f GFLOP/s, %.0f %% of sgemm", times[1], rate, 100 * rate / peak),
            target: String(format: "≥ %.0f %% of sgemm", Self.unetTargetFraction * 100), met: rate / peak >= Self.unetTargetFraction)
    }

    /// One VAE decode of a 64×64 latent to a 512×512 image.
    private mutating func measureVAE(_ pipeline: TextToImage) throws {
        let latent = try LatentNoise.noise(shape: [1, 4, 64, 64], seed: 2)
        let (_, time) = try timed { try pipeline.vae.decode(latent) }
        printNow(String(format: "VAE decode 64×64 → 512²: %.2f s", time))
        table.add("VAE decode, 64×64 latent → 512² image", String(format: "%.2f s", time))
    }

    /// Rows 6–7: load and a 512×512 text-to-image in a fresh process, for the per-step time and the peak RSS.
    private mutating func measureLargeTextToImage(_ checkpoint: SyntheticCheckpoint) throws {
        let steps = options.largeSteps
        let side = LargeTextToImage.side
        printNow("\ntxt2img \(side)², \(steps) steps, in a fresh process (load included) …")
        guard
            let figures = ChildRun.run([ChildRun.textToImageFlag, checkpoint.path, "--steps", "\(steps)"]),
            let total = figures["total"], let sampling = figures["sampling"], let peak = figures["peak_rss"]
        else { throw BenchmarkFailure("the fresh-process text-to-image run failed") }
        let value = { (name: String) in figures[name] ?? .nan }
        let perStep = sampling / Double(steps)
        printNow(
            String(
                format:
                    "load %.2f s (page cache warm); encode %.2f s, sampling %.1f s (%.2f s per step, fastest %.2f, slowest %.2f), decode %.2f s; total %.1f s; %.0f non-finite pixel values",
                value("load_seconds"), value("encode"), sampling, perStep, value("step_fastest"), value("step_slowest"), value("decode"), total,
                value("non_finite")))
        printNow("RSS after the load \(gibibytes(Int(value("rss_after_load")))), peak \(gibibytes(Int(peak)))")
        let target = Self.referenceStepSeconds512 / 2
        table.add(
            "txt2img \(side)², \(steps) steps (fresh process)",
            String(
                format: "%.1f s total (load %.1f s warm, decode %.1f s), %.2f s per step", total + value("load_seconds"), value("load_seconds"),
                value("decode"), perStep),
            target: String(format: "≤ %.0f s per step", target), met: perStep <= target)
        let ratio = peak / Double(checkpoint.bytes)
        table.add(
            "peak RSS, load + txt2img \(side)² (fresh process, `VmHWM`)", "\(gibibytes(Int(peak))) = \(String(format: "%.2f", ratio))× the F16 file",
            target: String(format: "≤ %.1f× the file", Self.peakRSSTargetRatio), met: ratio <= Self.peakRSSTargetRatio)
    }

    /// Prints where a text-to-image run's time went.
    private func printTimings(_ timings: TextToImage.Timings, side: Int) {
        printNow(
            String(
                format: "txt2img %d², %d steps: encode %.2f s, sampling %.2f s, decode %.2f s, total %.2f s; %d non-finite pixel values",
                side, timings.steps.count, timings.encode, timings.sampling, timings.decode, timings.total, timings.nonFiniteValues))
    }

    /// The one-minute load average from /proc/loadavg, or "unknown".
    private func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}
