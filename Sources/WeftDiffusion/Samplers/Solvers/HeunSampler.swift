import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_heun` without churn: an Euler step, then the step again with the mean of the
    /// derivatives at both ends (a plain Euler step when the next sigma is 0).
    func heun(from start: Tensor) throws -> Tensor {
        var x = start
        for i in 0..<steps {
            let (sigma, next) = (sigmas[i], sigmas[i + 1])
            let denoised = try denoise(x, at: sigma)
            let derivative = try StepArithmetic.derivative(x, denoised, sigma)
            try report(i, x: x, denoised: denoised)
            let dt = next - sigma
            if next == 0 {
                x = try x + derivative * dt
            } else {
                let predicted = try x + derivative * dt
                let endDerivative = try StepArithmetic.derivative(predicted, try denoise(predicted, at: next), next)
                x = try x + (derivative + endDerivative) / 2 * dt
            }
        }
        return x
    }
}
