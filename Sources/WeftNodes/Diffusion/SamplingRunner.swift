import WeftCore
import WeftDiffusion
import WeftImage
import WeftTensor

/// What KSampler and KSamplerAdvanced share (ComfyUI's `common_ksampler`): the schedule cut to the requested steps,
/// the seed's noise, classifier-free guidance over the conditioning, and per-step progress with a latent preview.
struct SamplingRunner {
    /// The model to sample with.
    var model: ModelValue
    /// The seed of the initial noise and of the samplers' own noise.
    var seed: UInt64
    /// The number of steps of the full schedule.
    var steps: Int
    /// The classifier-free guidance scale.
    var cfg: Double
    /// The sampler.
    var sampler: SamplerKind
    /// The scheduler.
    var scheduler: Scheduler
    /// The positive conditioning.
    var positive: [ConditioningEntry]
    /// The negative conditioning.
    var negative: [ConditioningEntry]
    /// The starting latent.
    var latent: LatentValue
    /// KSampler's denoise: the fraction of the schedule run (img2img below 1).
    var denoise: Double = 1
    /// KSamplerAdvanced's `add_noise: disable`: start from the latent without fresh noise.
    var disableNoise = false
    /// KSamplerAdvanced's steps: which part of the schedule runs.
    var range = StepRange()

    /// The inputs KSampler and KSamplerAdvanced share, the seed read from `seedInput`; denoise, noise and the step
    /// range keep their defaults for the node to set.
    /// - Throws: ``NodeInputError`` for a missing or mistyped input, ``DiffusionNodeError`` for an unknown sampler or
    ///   scheduler or a latent of the wrong shape.
    init(_ inputs: NodeInputs, seedInput: String) throws {
        model = try inputs.custom("model", as: ModelValue.self)
        seed = UInt64(clamping: try inputs.int128(seedInput))
        steps = try inputs.int("steps")
        cfg = try inputs.double("cfg")
        let samplerName = try inputs.string("sampler_name")
        guard let sampler = SamplerKind(rawValue: samplerName) else {
            throw DiffusionNodeError.invalidSetting(input: "sampler_name", reason: "'\(samplerName)' is not a sampler Weft runs")
        }
        self.sampler = sampler
        let schedulerName = try inputs.string("scheduler")
        guard let scheduler = Scheduler(rawValue: schedulerName) else {
            throw DiffusionNodeError.invalidSetting(input: "scheduler", reason: "'\(schedulerName)' is not a scheduler Weft runs")
        }
        self.scheduler = scheduler
        positive = try inputs.conditioning("positive")
        negative = try inputs.conditioning("negative")
        latent = try inputs.latent("latent_image")
    }

    /// The inputs KSampler and KSamplerAdvanced share, in ComfyUI's order and with its defaults and ranges, the seed
    /// named `seed`: seed, steps, cfg, sampler_name, scheduler, positive, negative, latent_image.
    static func sharedInputs(seed: String) -> [InputSpec] {
        [
            .int(seed, default: 0, min: 0, max: 0xffff_ffff_ffff_ffff, controlAfterGenerate: true),
            .int("steps", default: 20, min: 1, max: 10000),
            .float("cfg", default: 8, min: 0, max: 100, step: 0.1, round: 0.01),
            .combo("sampler_name", SamplerKind.allCases.map(\.rawValue)),
            .combo("scheduler", Scheduler.allCases.map(\.rawValue)),
            .socket("positive", "CONDITIONING"),
            .socket("negative", "CONDITIONING"),
            .socket("latent_image", "LATENT"),
        ]
    }

    /// The sampled latent; the noise mask and batch indices of the input are kept.
    func run(context: NodeContext) async throws -> LatentValue {
        let samples = latent.samples
        guard !samples.scalars.contains(where: { !$0.isFinite }) else {
            throw DiffusionNodeError.notFinite("input 'latent_image' contains NaN or infinite values")
        }
        try checkContexts()
        guard
            let sigmas = range.sigmas(
                sampler: sampler, scheduler: scheduler, steps: steps, denoise: denoise, schedule: model.denoiser.component.schedule)
        else { return latent }
        let noise =
            disableNoise ? Tensor.zeros(samples.shape) : try LatentNoise.noise(shape: samples.shape, seed: seed, batchIndices: latent.batchIndex)
        let sampling = LatentSampling(
            sampler: sampler, sigmas: sigmas, seed: seed, noise: noise, latent: samples, noiseMask: latent.noiseMask,
            schedule: model.denoiser.component.schedule)
        let denoiser = model.denoiser.component
        let (positive, negative, cfg) = (positive, negative, cfg)
        let result = try await TensorCompute.run { () throws -> Tensor in
            let guidance = ClassifierFreeGuidance(
                model: { x, sigma, context in
                    try denoiser.denoise(x, sigma: [Float](repeating: sigma, count: x.shape[0]), context: context)
                }, positive: positive, negative: negative, scale: cfg)
            return try sampling.run(denoiser: { x, sigma in try guidance.denoise(x, sigma: sigma) }) { report in
                try context.reportProgress(report.index + 1, of: report.total)
                Self.sendPreview(of: report.denoised, context: context)
            }
        }
        guard !result.scalars.contains(where: { !$0.isFinite }) else {
            throw DiffusionNodeError.notFinite("sampling produced NaN or infinite values (cfg \(cfg) may be too large for this model)")
        }
        var output = latent
        output.samples = result
        return output
    }

    /// Refuses conditioning whose context width differs from what the UNet attends to, naming the input.
    private func checkContexts() throws {
        guard let width = model.denoiser.component.model.config.contextWidth else { return }
        for (input, entries) in [("positive", positive), ("negative", negative)] {
            for entry in entries where entry.context.rank != 3 || entry.context.shape[2] != width {
                throw DiffusionNodeError.badShape(
                    input: input, shape: entry.context.shape, expected: "[batch, tokens, \(width)] (the model's context width)")
            }
        }
    }

    /// Sends the latent-to-RGB picture of `denoised` as a JPEG preview; a preview that cannot be made is skipped.
    private static func sendPreview(of denoised: Tensor, context: NodeContext) {
        guard let image = try? LatentPreview.image(of: denoised), let raster = try? ImageTensors.raster(fromImage: image, at: 0),
            let bytes = try? ImageEncoder.jpeg(raster, quality: 90)
        else { return }
        context.sendPreview(PreviewImage(format: .jpeg, bytes: bytes))
    }
}
