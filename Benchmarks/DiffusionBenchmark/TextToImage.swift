// One txt2img as ComfyUI's default workflow runs it: CLIPTextEncode ×2, EmptyLatentImage, KSampler, VAEDecode.
import WeftBenchmarkSupport
import WeftDiffusion
import WeftTensor

/// The models of one loaded checkpoint and the text-to-image run the benchmark times with them.
struct TextToImage {
    /// The UNet as a denoiser.
    let denoiser: EpsilonDenoiser
    /// The CLIP text encoder.
    let textEncoder: CLIPTextEncoder
    /// The VAE.
    let vae: AutoencoderKL

    /// Where the time of one run went, in seconds.
    struct Timings {
        /// Encoding the prompt and the empty negative prompt.
        var encode: Double
        /// The whole KSampler run.
        var sampling: Double
        /// Each sampling step (the time between progress reports, the first from the start of sampling).
        var steps: [Double]
        /// VAE decoding.
        var decode: Double
        /// Everything, from the prompt to the image.
        var total: Double
        /// Values of the image that are NaN or infinite (random weights at cfg 7 may overflow; it does not change
        /// the work done).
        var nonFiniteValues: Int
    }

    /// The prompt; its content does not matter to random weights, only that it is a real prompt.
    static let prompt = "a photograph of an astronaut riding a horse on the moon, highly detailed"

    /// The three models of `loaded`; nil when a part is missing.
    init?(_ loaded: CheckpointLoader.Loaded) {
        guard let denoiser = loaded.denoiser, let textEncoder = loaded.textEncoder, let vae = loaded.vae else { return nil }
        self.denoiser = denoiser.component
        self.textEncoder = textEncoder.component
        self.vae = vae.component
    }

    /// Runs a `width` × `height` text-to-image with `steps` steps of euler on the normal schedule at cfg 7, seed 0.
    func run(width: Int, height: Int, steps: Int) throws -> Timings {
        let clock = ContinuousClock()
        let start = clock.now
        let (positive, positivePooled) = try textEncoder.encode(prompt: Self.prompt, clipSkip: -1)
        let (negative, negativePooled) = try textEncoder.encode(prompt: "", clipSkip: -1)
        let encoded = clock.now

        let latent = Tensor.zeros([1, 4, height / 8, width / 8])
        let schedule = denoiser.schedule
        let sampling = LatentSampling(
            sampler: .euler, sigmas: Scheduler.normal.sigmas(steps: steps, schedule: schedule), seed: 0,
            noise: try LatentNoise.noise(shape: latent.shape, seed: 0), latent: latent, schedule: schedule)
        let model = denoiser
        let guidance = ClassifierFreeGuidance(
            model: { x, sigma, context in try model.denoise(x, sigma: [Float](repeating: sigma, count: x.shape[0]), context: context) },
            positive: [ConditioningEntry(context: positive, pooled: positivePooled)],
            negative: [ConditioningEntry(context: negative, pooled: negativePooled)], scale: 7)
        var stepEnds: [ContinuousClock.Instant] = []
        let samples = try sampling.run(denoiser: { x, sigma in try guidance.denoise(x, sigma: sigma) }) { _ in
            stepEnds.append(clock.now)
        }
        let sampled = clock.now

        let image = try vae.decode(samples)
        let decoded = clock.now
        let stepTimes = zip([encoded] + stepEnds, stepEnds).map { seconds($1 - $0) }
        return Timings(
            encode: seconds(encoded - start), sampling: seconds(sampled - encoded), steps: stepTimes,
            decode: seconds(decoded - sampled), total: seconds(decoded - start),
            nonFiniteValues: image.scalars.count { !$0.isFinite })
    }
}
