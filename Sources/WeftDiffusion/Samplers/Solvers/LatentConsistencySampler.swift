import WeftTensor

extension SamplingRun {
    /// k-diffusion's `sample_lcm` as in ComfyUI: each step jumps to the model's prediction and, unless the next sigma
    /// is 0, noises it back to the next sigma with a fresh draw from the seed's generator (the eps model's
    /// `noise_scaling`: prediction + noise · σ′).
    func latentConsistency(from start: Tensor) throws -> Tensor {
        var x = start
        var generator = TorchGenerator(seed: seed)
        for i in 0..<steps {
            let denoised = try denoise(x, at: sigmas[i])
            try report(i, x: x, denoised: denoised)
            x = denoised
            if sigmas[i + 1] > 0 {
                x = try generator.randn(x.shape) * sigmas[i + 1] + x
            }
        }
        return x
    }
}
