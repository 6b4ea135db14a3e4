import WeftTensor

/// One sampling run's fixed parts, shared by every sampler: the model, the progress callback, the schedule and the
/// seed.
struct SamplingRun {
    /// The model: the denoised prediction for a state at a noise level.
    let denoiser: Denoiser
    /// Called once per step, where ComfyUI calls its callback; throwing stops the run.
    let progress: SamplerProgress
    /// The noise levels, from the first step's down to the last (usually 0).
    let sigmas: [Float]
    /// The seed for samplers that draw noise of their own.
    let seed: UInt64

    /// The number of steps (ComfyUI's `total_steps`).
    var steps: Int { sigmas.count - 1 }

    /// The model's prediction for `x` at `sigma`.
    /// - Throws: what the model throws, or `TensorError.invalidShapes` when the prediction's shape differs from `x`'s.
    func denoise(_ x: Tensor, at sigma: Float) throws -> Tensor {
        let denoised = try denoiser(x, sigma)
        guard denoised.shape == x.shape else {
            throw TensorError.invalidShapes(
                operation: "sampler denoiser", shapes: [x.shape, denoised.shape], reason: "the prediction must have the input's shape")
        }
        return denoised
    }

    /// Reports step `index` to the progress callback.
    func report(_ index: Int, x: Tensor, denoised: Tensor) throws {
        try progress(SamplerStepReport(index: index, x: x, denoised: denoised, total: steps))
    }
}
