import Foundation
import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_dpmpp_2m` (DPM-Solver++(2M)): exponential-integrator steps in t = −log σ, each using
    /// the current prediction extrapolated with the previous one (first-order on the first step and the step to 0).
    func dpmpp2M(from start: Tensor) throws -> Tensor {
        var x = start
        var previous: Tensor?
        for i in 0..<steps {
            let denoised = try denoise(x, at: sigmas[i])
            try report(i, x: x, denoised: denoised)
            let (t, tNext) = (-Foundation.log(sigmas[i]), -Foundation.log(sigmas[i + 1]))
            let h = tNext - t
            var target = denoised
            if let previous, sigmas[i + 1] != 0 {
                let ratio = (t + Foundation.log(sigmas[i - 1])) / h
                let weight = 1 / (2 * ratio)
                target = try denoised * (1 + weight) - previous * weight
            }
            x = try x * (Foundation.exp(-tNext) / Foundation.exp(-t)) - target * Foundation.expm1(-h)
            previous = denoised
        }
        return x
    }

    /// k-diffusion's `sample_dpmpp_2m_sde` with the midpoint correction (DPM-Solver++(2M) SDE, η = 1): the
    /// stochastic exponential-integrator step in λ = −log σ, a second-order correction from the previous
    /// prediction, and Brownian-tree noise; the step to σ = 0 jumps to the prediction.
    func dpmpp2MSDE(from start: Tensor) throws -> Tensor {
        var x = start
        var noise = try brownianNoise(like: x)
        let eta = SamplerDefaults.eta
        var previous: Tensor?
        var previousH: Float?
        for i in 0..<steps {
            let (sigma, next) = (sigmas[i], sigmas[i + 1])
            let denoised = try denoise(x, at: sigma)
            try report(i, x: x, denoised: denoised)
            if next == 0 {
                x = denoised
            } else {
                let (lambda, lambdaNext) = (-Foundation.log(sigma), -Foundation.log(next))
                let h = lambdaNext - lambda
                let hEta = h * (eta + 1)
                let alpha = next * Foundation.exp(lambdaNext)
                let kept = -Foundation.expm1(-hEta)
                x = try x * (next / sigma * Foundation.exp(-h * eta)) + denoised * (alpha * kept)
                if let previous, let previousH {
                    let ratio = previousH / h
                    x = try x + (denoised - previous) * (0.5 * alpha * kept * (1 / ratio))
                }
                let scale = (-Foundation.expm1(-2 * h * eta)).squareRoot()
                x = try x + noise(sigma, next) * next * scale * SamplerDefaults.noiseScale
                previousH = h
            }
            previous = denoised
        }
        return x
    }
}
