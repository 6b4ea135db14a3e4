import WeftTensor

extension SamplingRun {
    /// ComfyUI's `uni_pc` (UniPC, B(h) = h, data prediction, multistep, order min(3, steps − 1), lower orders at the
    /// start and end): in variance-preserving scaling, each step predicts the next state from the recent data
    /// predictions, evaluates the model there, and corrects the step with that evaluation; the last step is
    /// predicted only. A final sigma of 0 is replaced by 0.001, as in ComfyUI.
    ///
    /// The progress report for step i comes after its update, with the state in variance-preserving scaling and the
    /// latest data prediction (ComfyUI's callback arguments).
    func uniPC(from start: Tensor) throws -> Tensor {
        var times = sigmas
        if times[times.count - 1] == 0 { times[times.count - 1] = 0.001 }
        let levels = times.map(VariancePreservingLevel.init)
        let order = min(SamplerDefaults.uniPCOrder, times.count - 2)
        var x = start / (1 + times[0] * times[0]).squareRoot()
        var history = [levels[0]]
        var predictions = [try dataPrediction(x, at: levels[0])]
        try report(0, x: x, denoised: predictions[0])
        for stepIndex in 1..<steps {
            // The last step also takes the extra, prediction-only step to the final sigma.
            for step in stepIndex...(stepIndex == steps - 1 ? steps : stepIndex) {
                let stepOrder = stepIndex < order ? stepIndex : min(order, steps + 1 - step)
                let (next, prediction) = try uniPCUpdate(
                    x, history: history, predictions: predictions, to: levels[step], order: stepOrder, corrects: step < steps)
                x = next
                if let prediction {
                    history.append(levels[step])
                    predictions.append(prediction)
                    if history.count > order {
                        history.removeFirst()
                        predictions.removeFirst()
                    }
                }
            }
            try report(stepIndex, x: x, denoised: predictions[predictions.count - 1])
        }
        return x / levels[levels.count - 1].alpha
    }

    /// The data prediction x₀ for the variance-preserving state `x` at `level`: the denoiser sees x scaled back to
    /// k-diffusion's σ scaling, and its output passes through ComfyUI's noise prediction and back, as UniPC's model
    /// wrapper does.
    func dataPrediction(_ x: Tensor, at level: VariancePreservingLevel) throws -> Tensor {
        let sigma = level.sigma
        let scaled = x * (sigma * sigma + 1).squareRoot()
        let noise = try (scaled - denoise(scaled, at: sigma)) / sigma
        return try (x - noise * level.noiseScale) / level.alpha
    }
}
