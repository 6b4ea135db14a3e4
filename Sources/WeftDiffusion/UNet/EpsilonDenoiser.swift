public import WeftTensor

/// A noise-predicting UNet turned into a denoiser on the samplers' σ scale (ComfyUI's `BaseModel.apply_model` with
/// `ModelSamplingDiscrete` and eps prediction): the latent is scaled to unit variance, the UNet predicts its noise at
/// the timestep nearest to σ, and that noise times σ is taken off the latent.
public struct EpsilonDenoiser: Sendable {
    /// The noise predictor.
    public let model: UNetModel
    /// The noise levels that map σ to the UNet's timesteps.
    public let schedule: DiscreteNoiseSchedule

    /// A denoiser running `model` on `schedule` (by default SD1.x's).
    public init(model: UNetModel, schedule: DiscreteNoiseSchedule = DiscreteNoiseSchedule()) {
        self.model = model
        self.schedule = schedule
    }

    /// The UNet timestep for each σ: the index of the training σ nearest in log space, as a float (ComfyUI rounds
    /// σ to a whole timestep this way before calling the UNet).
    public func timesteps(for sigma: [Float]) -> [Float] {
        sigma.map { Float(schedule.timestep($0)) }
    }

    /// The denoised latent `x − σ · eps(x / √(σ² + 1), t(σ))` for the noisy latent `x` (`[B, C, H, W]`) at noise
    /// levels `sigma` (one per batch entry), conditioned on `context` (`[B, S, contextWidth]`). Each step is evaluated
    /// in Float32 in ComfyUI's order.
    /// - Throws: `TensorError.invalidShapes` when the number of σ differs from the batch, or as `UNetModel.forward`
    ///   throws.
    public func denoise(_ x: Tensor, sigma: [Float], context: Tensor) throws(TensorError) -> Tensor {
        guard x.rank >= 1, sigma.count == x.shape[0] else {
            throw .invalidShapes(
                operation: "EpsilonDenoiser.denoise", shapes: [x.shape],
                reason: "\(sigma.count) noise levels were given for a batch of \(x.rank >= 1 ? x.shape[0] : 0)")
        }
        let perEntry = [sigma.count] + [Int](repeating: 1, count: x.rank - 1)
        let inputScale = try Tensor(shape: perEntry, values: sigma.map { ($0 * $0 + 1).squareRoot() })
        let noise = try model.forward(x / inputScale, timesteps: timesteps(for: sigma), context: context)
        return try x - noise * Tensor(shape: perEntry, values: sigma)
    }
}
