import WeftTensor

extension SamplingRun {
    /// ComfyUI's Brownian-tree noise for this run (`dpmpp_sde`, `dpmpp_2m_sde`): over the smallest positive and the
    /// largest sigma, seeded with the seed.
    func brownianNoise(like x: Tensor) throws(SamplingError) -> BrownianTreeNoiseSampler {
        let positive = sigmas.filter { $0 > 0 }
        return try BrownianTreeNoiseSampler(
            shape: x.shape, sigmaMin: positive.min() ?? 0, sigmaMax: sigmas.max() ?? 0, seed: seed)
    }
}
