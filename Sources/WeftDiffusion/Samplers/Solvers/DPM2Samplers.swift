import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_dpm_2` without churn: the derivative at the log-sigma midpoint (reached by an Euler half
    /// step) carries x over the whole step; the step to σ = 0 is plain Euler.
    func dpm2(from start: Tensor) throws -> Tensor {
        var x = start
        for i in 0..<steps {
            let (sigma, next) = (sigmas[i], sigmas[i + 1])
            let denoised = try denoise(x, at: sigma)
            let derivative = try StepArithmetic.derivative(x, denoised, sigma)
            try report(i, x: x, denoised: denoised)
            x = try midpointStep(x, derivative: derivative, from: sigma, to: next)
        }
        return x
    }

    /// k-diffusion's `sample_dpm_2_ancestral`: `dpm2`'s step to the ancestral step's lower sigma, then fresh noise
    /// from the seed's generator (none when that sigma is 0).
    func dpm2Ancestral(from start: Tensor) throws -> Tensor {
        var x = start
        var generator = TorchGenerator(seed: seed)
        for i in 0..<steps {
            let sigma = sigmas[i]
            let denoised = try denoise(x, at: sigma)
            let step = AncestralStep(from: sigma, to: sigmas[i + 1])
            try report(i, x: x, denoised: denoised)
            let derivative = try StepArithmetic.derivative(x, denoised, sigma)
            x = try midpointStep(x, derivative: derivative, from: sigma, to: step.down)
            if step.down != 0 {
                x = try x + generator.randn(x.shape) * SamplerDefaults.noiseScale * step.up
            }
        }
        return x
    }

    /// One DPM-Solver-2 step from `sigma` to `target` given the derivative at `sigma`, or an Euler step when
    /// `target` is 0.
    private func midpointStep(_ x: Tensor, derivative: Tensor, from sigma: Float, to target: Float) throws -> Tensor {
        guard target != 0 else { return try x + derivative * (target - sigma) }
        let midpoint = StepArithmetic.logMidpoint(sigma, target)
        let halfway = try x + derivative * (midpoint - sigma)
        let midDerivative = try StepArithmetic.derivative(halfway, try denoise(halfway, at: midpoint), midpoint)
        return try x + midDerivative * (target - sigma)
    }
}
