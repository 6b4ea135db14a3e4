import WeftDiffusion
import WeftTensor

/// The tiny SD1 checkpoint (Fixtures/tiny-sd1.safetensors, with its 2-head overrides in tiny-sd1.weft.json) and
/// ComfyUI's sampling setup for the sampler fixtures: prompt "a red apple on a table", empty negative, seed 42,
/// 6 steps, cfg 4, as `nodes.KSampler` / `KSamplerAdvanced` run it.
struct TinyPipeline {
    /// The UNet as a denoiser.
    let denoiser: EpsilonDenoiser
    /// The CLIP text encoder.
    let encoder: CLIPTextEncoder
    /// The VAE.
    let vae: AutoencoderKL

    /// Loads the checkpoint through `CheckpointLoader`, as CheckpointLoaderSimple does.
    init() throws {
        let loaded = try CheckpointLoader.load(path: fixturePath("tiny-sd1"))
        guard let denoiser = loaded.denoiser, let encoder = loaded.textEncoder, let vae = loaded.vae else {
            throw FixtureMissing(name: "tiny-sd1 parts")
        }
        self.denoiser = denoiser.component
        self.encoder = encoder.component
        self.vae = vae.component
    }

    /// One conditioning entry for `prompt` (last layer).
    func conditioning(_ prompt: String) throws -> [ConditioningEntry] {
        let (context, pooled) = try encoder.encode(prompt: prompt, clipSkip: -1)
        return [ConditioningEntry(context: context, pooled: pooled)]
    }

    /// KSampler's result for the fixture setup with `sampler` and `scheduler`, from `latent` (default: the empty
    /// 64 × 64 latent), reporting every step to `progress`.
    func sample(
        _ sampler: SamplerKind, scheduler: Scheduler = .normal, latent: Tensor = Tensor.zeros([1, 4, 8, 8]), denoise: Double = 1,
        range: StepRange = StepRange(), addNoise: Bool = true, noiseMask: Tensor? = nil, progress: SamplerProgress = { _ in }
    ) throws -> Tensor {
        guard let sigmas = range.sigmas(sampler: sampler, scheduler: scheduler, steps: 6, denoise: denoise, schedule: denoiser.schedule) else {
            return latent
        }
        let denoiser = self.denoiser
        let guidance = ClassifierFreeGuidance(
            model: { x, sigma, context in
                try denoiser.denoise(x, sigma: [Float](repeating: sigma, count: x.shape[0]), context: context)
            }, positive: try conditioning("a red apple on a table"), negative: try conditioning(""), scale: 4)
        let noise = addNoise ? try LatentNoise.noise(shape: latent.shape, seed: 42) : Tensor.zeros(latent.shape)
        let run = LatentSampling(sampler: sampler, sigmas: sigmas, seed: 42, noise: noise, latent: latent, noiseMask: noiseMask)
        return try run.run(denoiser: { x, sigma in try guidance.denoise(x, sigma: sigma) }, progress: progress)
    }
}
