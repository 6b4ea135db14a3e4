import Foundation
import WeftTensor

/// The small formulas the k-diffusion samplers share, in ComfyUI's float32 arithmetic.
enum StepArithmetic {
    /// dx/dσ of the probability-flow ODE from a denoised prediction: (x − denoised) / σ (k-diffusion's `to_d`).
    static func derivative(_ x: Tensor, _ denoised: Tensor, _ sigma: Float) throws(TensorError) -> Tensor {
        try (x - denoised) / sigma
    }

    /// exp of the halfway point between log `a` and log `b`, by PyTorch's `lerp` (from the far end for weight ½).
    static func logMidpoint(_ a: Float, _ b: Float) -> Float {
        let (start, end) = (Foundation.log(a), Foundation.log(b))
        return Foundation.exp(end - (end - start) * 0.5)
    }
}

/// k-diffusion's `get_ancestral_step`: an ancestral step from σ to σ′ first goes down deterministically to `down` and
/// then adds noise of scale `up`, with down² + up² = σ′².
struct AncestralStep {
    /// The noise level the deterministic part of the step reaches.
    let down: Float
    /// The standard deviation of the noise added afterwards.
    let up: Float

    /// The step from `sigma` to `next`, with ComfyUI's noise fraction η.
    init(from sigma: Float, to next: Float) {
        let full = SamplerDefaults.eta * (next * next * (sigma * sigma - next * next) / (sigma * sigma)).squareRoot()
        up = full < next ? full : next
        down = (next * next - up * up).squareRoot()
    }
}
