import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_euler` without churn: x ← x + (dx/dσ)·(σ′ − σ).
    func euler(from start: Tensor) throws -> Tensor {
        var x = start
        for i in 0..<steps {
            let denoised = try denoise(x, at: sigmas[i])
            let derivative = try StepArithmetic.derivative(x, denoised, sigmas[i])
            try report(i, x: x, denoised: denoised)
            x = try x + derivative * (sigmas[i + 1] - sigmas[i])
        }
        return x
    }

    /// k-diffusion's `sample_euler_ancestral`: an Euler step to the ancestral step's lower sigma plus fresh noise from
    /// the seed's generator (none, and straight to the prediction, when that sigma is 0).
    func eulerAncestral(from start: Tensor) throws -> Tensor {
        var x = start
        var generator = TorchGenerator(seed: seed)
        for i in 0..<steps {
            let denoised = try denoise(x, at: sigmas[i])
            let step = AncestralStep(from: sigmas[i], to: sigmas[i + 1])
            try report(i, x: x, denoised: denoised)
            if step.down == 0 {
                x = denoised
            } else {
                let derivative = try StepArithmetic.derivative(x, denoised, sigmas[i])
                let noise = generator.randn(x.shape) * SamplerDefaults.noiseScale * step.up
                x = try x + derivative * (step.down - sigmas[i]) + noise
            }
        }
        return x
    }
}
