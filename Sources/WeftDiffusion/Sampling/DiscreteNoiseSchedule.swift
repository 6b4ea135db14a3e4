import Foundation

/// The noise levels of an SD1.x "eps" model (ComfyUI's `ModelSamplingDiscrete` with the linear beta schedule): the
/// 1,000 training timesteps' sigmas, and the conversions between a sigma and a (fractional) timestep.
public struct DiscreteNoiseSchedule: Sendable {
    /// σ for timesteps 0 … 999, increasing; computed in double, stored as float like ComfyUI's buffer.
    public let sigmas: [Float]
    /// log σ of each timestep, from the double σ, stored as float.
    public let logSigmas: [Float]

    /// SD1.x's schedule: betas from `linear_start` to `linear_end` evenly spaced in square root, over `timesteps`.
    public init(linearStart: Double = 0.00085, linearEnd: Double = 0.012, timesteps: Int = 1000) {
        let first = linearStart.squareRoot()
        let last = linearEnd.squareRoot()
        var cumulative = 1.0
        var sigmas: [Float] = []
        var logSigmas: [Float] = []
        for step in 0..<timesteps {
            let root = first + (last - first) * Double(step) / Double(timesteps - 1)
            cumulative *= 1 - root * root
            let sigma = ((1 - cumulative) / cumulative).squareRoot()
            sigmas.append(Float(sigma))
            logSigmas.append(Float(Foundation.log(sigma)))
        }
        self.sigmas = sigmas
        self.logSigmas = logSigmas
    }

    /// The smallest σ (timestep 0).
    public var sigmaMin: Float { sigmas[0] }
    /// The largest σ (the last timestep).
    public var sigmaMax: Float { sigmas[sigmas.count - 1] }

    /// The timestep whose log σ is nearest to log `sigma` (ComfyUI's `timestep`, an argmin).
    public func timestep(_ sigma: Float) -> Int {
        let target = Foundation.log(sigma)
        var best = 0
        for index in logSigmas.indices where abs(target - logSigmas[index]) < abs(target - logSigmas[best]) {
            best = index
        }
        return best
    }

    /// σ at a fractional timestep, interpolating log σ between the neighbouring timesteps (ComfyUI's `sigma`).
    public func sigma(_ timestep: Float) -> Float {
        let t = min(max(timestep, 0), Float(logSigmas.count - 1))
        let low = Int(t.rounded(.down))
        let high = Int(t.rounded(.up))
        let weight = t - t.rounded(.down)
        return Foundation.exp((1 - weight) * logSigmas[low] + weight * logSigmas[high])
    }
}
