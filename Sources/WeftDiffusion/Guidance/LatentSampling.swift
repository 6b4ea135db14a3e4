public import WeftTensor

/// One KSampler run as ComfyUI's `common_ksampler` → `KSAMPLER.sample` performs it, around a sampler and a guided
/// denoiser: the latent is scaled into the model's space (×0.18215 for SD1.x, unless it is all zeros), the noise is
/// scaled to the first sigma (×√(1 + σ₀²) when σ₀ is the model's largest, "max denoise"; ×σ₀ otherwise) and added,
/// a noise mask (inpainting) keeps the masked-out latent re-noised to each step's sigma and pastes it into every
/// prediction, and the result is scaled back out of the model's space.
public struct LatentSampling: Sendable {
    /// The sampler.
    public var sampler: SamplerKind
    /// The schedule, from the first step's sigma down to the last (usually 0).
    public var sigmas: [Float]
    /// Seeds the noise the ancestral and SDE samplers draw while running (the initial noise is `noise`).
    public var seed: UInt64
    /// The initial noise, shaped like `latent` (zeros for KSamplerAdvanced's `add_noise: disable`).
    public var noise: Tensor
    /// The starting latent in the VAE's space (`[B, 4, h, w]`).
    public var latent: Tensor
    /// Where the latent may change (`[B, 1, H, W]` or `[B, H, W]`, any size; resized to the latent), or nil.
    public var noiseMask: Tensor?
    /// The model's noise levels (for "max denoise").
    public var schedule: DiscreteNoiseSchedule
    /// The factor from the VAE's latent space into the model's (SD1.x: 0.18215).
    public var latentScale: Float

    /// A run of `sampler` over `sigmas`, starting from `latent` plus `noise`.
    public init(
        sampler: SamplerKind, sigmas: [Float], seed: UInt64, noise: Tensor, latent: Tensor, noiseMask: Tensor? = nil,
        schedule: DiscreteNoiseSchedule = DiscreteNoiseSchedule(), latentScale: Float = 0.18215
    ) {
        self.sampler = sampler
        self.sigmas = sigmas
        self.seed = seed
        self.noise = noise
        self.latent = latent
        self.noiseMask = noiseMask
        self.schedule = schedule
        self.latentScale = latentScale
    }

    /// Samples with `denoiser` (the guided model in the model's latent space) and returns the latent in the VAE's
    /// space. With fewer than two sigmas there is nothing to do and `latent` comes back unchanged.
    /// - Throws: `TensorError` when the noise or mask does not fit the latent, or what the denoiser, the sampler or
    ///   `progress` throws.
    public func run(denoiser: @escaping Denoiser, progress: SamplerProgress = { _ in }) throws -> Tensor {
        guard sigmas.count > 1 else { return latent }
        guard noise.shape == latent.shape else {
            throw TensorError.invalidShapes(
                operation: "sampling", shapes: [noise.shape, latent.shape], reason: "the noise must have the latent's shape")
        }
        let modelLatent = latent.scalars.contains { $0 != 0 } ? latent * latentScale : latent
        let first = sigmas[0]
        let largest = schedule.sigmaMax
        let maxDenoise = abs(first - largest) <= 1e-5 * max(abs(first), abs(largest)) || first > largest
        let start = try noise * (maxDenoise ? (1 + first * first).squareRoot() : first) + modelLatent
        var model = denoiser
        if let noiseMask {
            model = try maskedDenoiser(denoiser, mask: DenoiseMask.prepared(noiseMask, latentShape: latent.shape), modelLatent: modelLatent)
        }
        let samples = try sampler.sample(denoiser: model, initial: start, sigmas: sigmas, seed: seed, progress: progress)
        return samples / latentScale
    }

    /// ComfyUI's `KSamplerX0Inpaint`: where the mask is 0 the state is replaced by the original latent noised to
    /// the current sigma before the model sees it, and the prediction by the original latent. ComfyUI's "ddim" draws
    /// that noise from the seed plus one instead of reusing the initial noise.
    private func maskedDenoiser(_ denoiser: @escaping Denoiser, mask: Tensor, modelLatent: Tensor) throws -> Denoiser {
        let keep = 1 - mask
        var inpaintNoise = noise
        if sampler == .ddim {
            var generator = TorchGenerator(seed: seed &+ 1)
            inpaintNoise = generator.randn(noise.shape)
        }
        return { [inpaintNoise] x, sigma in
            let original = try inpaintNoise * sigma + modelLatent
            let blended = try x * mask + original * keep
            return try denoiser(blended, sigma) * mask + modelLatent * keep
        }
    }
}
