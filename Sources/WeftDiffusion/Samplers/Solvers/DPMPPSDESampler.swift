import Foundation
import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_dpmpp_sde` (DPM-Solver++ SDE, η = 1, r = ½): per step an ancestral
    /// exponential-integrator stage to the intermediate sigma at fraction r of the step in λ = −log σ, a second
    /// model evaluation there, and a stage over the whole step with the predictions combined; both stages add
    /// Brownian-tree noise. The step to σ = 0 jumps to the prediction.
    func dpmppSDE(from start: Tensor) throws -> Tensor {
        var x = start
        var noise = try brownianNoise(like: x)
        let r = SamplerDefaults.intermediateRatio
        for i in 0..<steps {
            let (sigma, next) = (sigmas[i], sigmas[i + 1])
            let denoised = try denoise(x, at: sigma)
            try report(i, x: x, denoised: denoised)
            guard next != 0 else {
                x = denoised
                continue
            }
            let (lambda, lambdaNext) = (-Foundation.log(sigma), -Foundation.log(next))
            let lambdaMid = lambda + r * (lambdaNext - lambda)
            let sigmaMid = Foundation.exp(-lambdaMid)
            // α = σ·e^λ is 1 up to rounding for this parameterisation; ComfyUI keeps it in the arithmetic.
            let alpha = sigma * Foundation.exp(lambda)
            let alphaMid = sigmaMid * Foundation.exp(lambdaMid)
            let alphaNext = next * Foundation.exp(lambdaNext)

            let firstStage = AncestralStep(from: Foundation.exp(-lambda), to: Foundation.exp(-lambdaMid))
            let firstH = -Foundation.log(firstStage.down) - lambda
            let midX =
                try x * (alphaMid / alpha * Foundation.exp(-firstH)) - denoised * (alphaMid * Foundation.expm1(-firstH))
                + noise(sigma, sigmaMid) * alphaMid * SamplerDefaults.noiseScale * firstStage.up
            let midDenoised = try denoise(midX, at: sigmaMid)

            let secondStage = AncestralStep(from: Foundation.exp(-lambda), to: Foundation.exp(-lambdaNext))
            let secondH = -Foundation.log(secondStage.down) - lambda
            let fraction = 1 / (2 * r)
            let combined = try denoised * (1 - fraction) + midDenoised * fraction
            x =
                try x * (alphaNext / alpha * Foundation.exp(-secondH)) - combined * (alphaNext * Foundation.expm1(-secondH))
                + noise(sigma, next) * alphaNext * SamplerDefaults.noiseScale * secondStage.up
        }
        return x
    }
}
