import Foundation

/// The arithmetic of each scheduler, in the precision ComfyUI uses (float32 tensors, double Python scalars).
enum ScheduleShapes {
    /// `torch.linspace(start, end, count)` in float32.
    static func linspace(_ start: Float, _ end: Float, _ count: Int) -> [Float] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (end - start) / Float(count - 1)
        let half = count / 2
        return (0..<count).map { index in
            // PyTorch fills the first half from the start and the second half back from the end.
            index < half ? start + step * Float(index) : end - step * Float(count - 1 - index)
        }
    }

    /// `normal` (timesteps evenly spaced between the largest and smallest σ's timesteps) and `sgm_uniform` (the
    /// same over `steps + 1` points, the last dropped).
    static func timestepSpaced(steps: Int, schedule: DiscreteNoiseSchedule, sgm: Bool) -> [Float] {
        let start = Float(schedule.timestep(schedule.sigmaMax))
        let end = Float(schedule.timestep(schedule.sigmaMin))
        var count = steps
        var appendZero = true
        let timesteps: [Float]
        if sgm {
            timesteps = Array(linspace(start, end, steps + 1).dropLast())
        } else {
            if abs(schedule.sigma(end)) <= 0.00001 {
                count += 1
                appendZero = false
            }
            timesteps = linspace(start, end, count)
        }
        return timesteps.map { schedule.sigma($0) } + (appendZero ? [0] : [])
    }

    /// Karras et al.'s schedule: σ^(1/7) evenly spaced from σ_max to σ_min.
    static func karras(steps: Int, sigmaMin: Float, sigmaMax: Float) -> [Float] {
        let rho = 7.0
        let minInverse = Foundation.pow(Double(sigmaMin), 1 / rho)
        let maxInverse = Foundation.pow(Double(sigmaMax), 1 / rho)
        let span = Float(minInverse - maxInverse)
        return linspace(0, 1, steps).map { Foundation.pow(Float(maxInverse) + $0 * span, Float(rho)) } + [0]
    }

    /// log σ evenly spaced from σ_max to σ_min.
    static func exponential(steps: Int, sigmaMin: Float, sigmaMax: Float) -> [Float] {
        linspace(Float(Foundation.log(Double(sigmaMax))), Float(Foundation.log(Double(sigmaMin))), steps).map { Foundation.exp($0) } + [0]
    }

    /// Every `1000 / steps`-th σ from the top.
    static func simple(steps: Int, schedule: DiscreteNoiseSchedule) -> [Float] {
        let stride = Double(schedule.sigmas.count) / Double(steps)
        return (0..<steps).map { schedule.sigmas[schedule.sigmas.count - 1 - Int(Double($0) * stride)] } + [0]
    }

    /// DDIM's uniform timesteps: every `1000 / steps`-th σ from timestep 1 up, reversed, after a 0.
    static func ddimUniform(steps: Int, schedule: DiscreteNoiseSchedule) -> [Float] {
        var sigmas: [Float] = abs(schedule.sigmas[1]) <= 0.00001 ? [] : [0]
        let stride = max(schedule.sigmas.count / (sigmas.isEmpty ? steps + 1 : steps), 1)
        var index = 1
        while index < schedule.sigmas.count {
            sigmas.append(schedule.sigmas[index])
            index += stride
        }
        return sigmas.reversed()
    }

    /// The beta-distribution schedule (α = β = 0.6): timesteps at the distribution's quantiles, repeats dropped.
    static func beta(steps: Int, schedule: DiscreteNoiseSchedule, alpha: Double = 0.6, beta: Double = 0.6) -> [Float] {
        let total = Double(schedule.sigmas.count - 1)
        var sigmas: [Float] = []
        var last = -1.0
        for step in 0..<steps {
            let quantile = 1 - Double(step) / Double(steps)
            let t = (BetaDistribution.quantile(quantile, alpha: alpha, beta: beta) * total).rounded(.toNearestOrEven)
            if t != last {
                sigmas.append(schedule.sigmas[Int(t)])
                last = t
            }
        }
        return sigmas + [0]
    }
}
