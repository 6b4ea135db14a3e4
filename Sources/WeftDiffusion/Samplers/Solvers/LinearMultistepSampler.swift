import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_lms` (order 4): x moves by the weighted sum of the last derivatives, newest first, with
    /// `LinearMultistepCoefficients`' weights; the step to σ = 0 jumps to the prediction.
    func linearMultistep(from start: Tensor) throws -> Tensor {
        var x = start
        var derivatives: [Tensor] = []
        for i in 0..<steps {
            let denoised = try denoise(x, at: sigmas[i])
            derivatives.append(try StepArithmetic.derivative(x, denoised, sigmas[i]))
            if derivatives.count > SamplerDefaults.linearMultistepOrder { derivatives.removeFirst() }
            try report(i, x: x, denoised: denoised)
            if sigmas[i + 1] == 0 {
                x = denoised
            } else {
                let order = min(i + 1, SamplerDefaults.linearMultistepOrder)
                let weights = LinearMultistepCoefficients.coefficients(order: order, sigmas: sigmas, step: i)
                var update = derivatives[derivatives.count - 1] * Float(weights[0])
                for (weight, derivative) in zip(weights, derivatives.reversed()).dropFirst() {
                    update = try update + derivative * Float(weight)
                }
                x = try x + update
            }
        }
        return x
    }
}
