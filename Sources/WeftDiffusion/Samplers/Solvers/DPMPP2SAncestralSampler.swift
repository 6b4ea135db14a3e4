import Foundation
import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_dpmpp_2s_ancestral` (DPM-Solver++(2S), η = 1): a single-step second-order
    /// exponential-integrator step in t = −log σ to the ancestral step's lower sigma, its second evaluation halfway
    /// (in t), then fresh noise from the seed's generator; an Euler step when the lower sigma is 0.
    func dpmpp2SAncestral(from start: Tensor) throws -> Tensor {
        var x = start
        var generator = TorchGenerator(seed: seed)
        for i in 0..<steps {
            let sigma = sigmas[i]
            let denoised = try denoise(x, at: sigma)
            let step = AncestralStep(from: sigma, to: sigmas[i + 1])
            try report(i, x: x, denoised: denoised)
            if step.down == 0 {
                let derivative = try StepArithmetic.derivative(x, denoised, sigma)
                x = try x + derivative * (step.down - sigma)
            } else {
                let (t, tNext) = (-Foundation.log(sigma), -Foundation.log(step.down))
                let h = tNext - t
                let tMid = t + 0.5 * h
                let sigmaMid = Foundation.exp(-tMid)
                let halfway = try x * (sigmaMid / Foundation.exp(-t)) - denoised * Foundation.expm1(-h * 0.5)
                let midDenoised = try denoise(halfway, at: sigmaMid)
                x = try x * (Foundation.exp(-tNext) / Foundation.exp(-t)) - midDenoised * Foundation.expm1(-h)
            }
            if sigmas[i + 1] > 0 {
                x = try x + generator.randn(x.shape) * SamplerDefaults.noiseScale * step.up
            }
        }
        return x
    }
}
