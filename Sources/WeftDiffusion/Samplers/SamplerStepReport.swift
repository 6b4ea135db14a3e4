public import WeftTensor

/// What a sampler reports at each step, exactly where and with what ComfyUI's sampler callback receives (latent
/// previews and the progress bar are driven from it).
///
/// For the k-diffusion samplers the report comes after the step's first model evaluation and before the update:
/// `x` is the state at `sigmas[index]` and `denoised` that evaluation's prediction. For `uni_pc` it comes after step
/// `index`'s update: `x` is the new state in UniPC's variance-preserving scaling (divided by √(1 + σ²)) and `denoised`
/// the latest data prediction.
public struct SamplerStepReport: Sendable {
    /// The step, from 0.
    public let index: Int
    /// The sampler's state (see the type's notes for its scaling).
    public let x: Tensor
    /// The model's denoised prediction for this step.
    public let denoised: Tensor
    /// The number of steps in the run: the sigma count less one.
    public let total: Int
}
