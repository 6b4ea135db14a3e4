public import WeftTensor

/// A model as the samplers see it: the denoised prediction for state `x` at noise level `sigma` (classifier-free
/// guidance and any other model wrapping happen inside).
public typealias Denoiser = (_ x: Tensor, _ sigma: Float) throws -> Tensor

/// A sampler's per-step callback (see `SamplerStepReport`); throwing from it stops sampling at that step, which is how
/// a run is interrupted.
public typealias SamplerProgress = (SamplerStepReport) throws -> Void

extension SamplerKind {
    /// Runs this sampler over `sigmas` as ComfyUI 0.3.64's KSampler does, with ComfyUI's default options (η = 1,
    /// s_noise = 1, r = ½ for `dpmpp_sde`, the midpoint solver for `dpmpp_2m_sde`, order 4 for `lms`, UniPC's B(h) = h
    /// variant), and returns the final state in the same scaling as `x`. The formulas are those ComfyUI uses for
    /// noise-predicting ("eps") models such as SD1.x; its variants for flow models are not included.
    ///
    /// - Parameters:
    ///   - denoiser: The model; it is called once per step, or twice for `heun`, `dpm_2`, `dpm_2_ancestral`,
    ///     `dpmpp_sde` and `dpmpp_2s_ancestral` (all but their final step).
    ///   - x: The starting state: the noise already scaled to `sigmas[0]` (ComfyUI's `noise_scaling`) plus the latent.
    ///   - sigmas: The schedule, decreasing, usually ending in 0. With fewer than two sigmas there is no step and `x`
    ///     comes back unchanged.
    ///   - seed: Seeds the noise of the ancestral samplers and `lcm` (PyTorch's generator, one draw per noisy step)
    ///     and of `dpmpp_sde` and `dpmpp_2m_sde` (a Brownian tree).
    ///   - progress: Called once per step with what ComfyUI's callback gets.
    /// - Throws: `SamplingError.nonFiniteSigma` for an infinite or NaN sigma; `TensorError` when the denoiser's
    ///   prediction does not have `x`'s shape; whatever the denoiser or `progress` throws, which ends the run.
    public func sample(
        denoiser: Denoiser, initial x: Tensor, sigmas: [Float], seed: UInt64, progress: SamplerProgress = { _ in }
    ) throws -> Tensor {
        if let bad = sigmas.first(where: { !$0.isFinite }) { throw SamplingError.nonFiniteSigma(bad) }
        guard sigmas.count > 1 else { return x }
        return try withoutActuallyEscaping(denoiser) { denoiser in
            try withoutActuallyEscaping(progress) { progress in
                let run = SamplingRun(denoiser: denoiser, progress: progress, sigmas: sigmas, seed: seed)
                switch self {
                case .euler, .ddim: return try run.euler(from: x)
                case .eulerAncestral: return try run.eulerAncestral(from: x)
                case .heun: return try run.heun(from: x)
                case .dpm2: return try run.dpm2(from: x)
                case .dpm2Ancestral: return try run.dpm2Ancestral(from: x)
                case .lms: return try run.linearMultistep(from: x)
                case .dpmpp2M: return try run.dpmpp2M(from: x)
                case .dpmpp2MSDE: return try run.dpmpp2MSDE(from: x)
                case .dpmppSDE: return try run.dpmppSDE(from: x)
                case .dpmpp2SAncestral: return try run.dpmpp2SAncestral(from: x)
                case .uniPC: return try run.uniPC(from: x)
                case .lcm: return try run.latentConsistency(from: x)
                }
            }
        }
    }
}
