import Foundation

/// A noise level σ seen as a variance-preserving diffusion time, as ComfyUI's UniPC sees it (`SigmaConvert`): the
/// state x_vp = x / √(1 + σ²) = α·x₀ + s·ε with α = 1 / √(1 + σ²), s = σ·α, and the half log-SNR λ = log(α / s).
/// Every value is computed by ComfyUI's float32 formulas.
struct VariancePreservingLevel {
    /// The k-diffusion noise level.
    let sigma: Float

    /// log α = ½ · log(1 / (σ² + 1)).
    var logAlpha: Float { 0.5 * Foundation.log(1 / (sigma * sigma + 1)) }
    /// α, the signal scale.
    var alpha: Float { Foundation.exp(logAlpha) }
    /// s = √(1 − α²), the noise scale.
    var noiseScale: Float { (1 - Foundation.exp(2 * logAlpha)).squareRoot() }
    /// λ = log α − log s.
    var lambda: Float { logAlpha - 0.5 * Foundation.log(1 - Foundation.exp(2 * logAlpha)) }
}
