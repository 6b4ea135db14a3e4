import Foundation

/// ComfyUI's schedulers: how the sigmas of a sampling run are spread over the model's noise levels. Each list has
/// `steps + 1` entries, from the highest noise down to 0.
public enum Scheduler: String, Sendable, CaseIterable {
    /// Timesteps evenly spaced from the largest σ's to the smallest's.
    case normal
    /// Karras et al. (2022): σ^(1/7) evenly spaced.
    case karras
    /// log σ evenly spaced.
    case exponential
    /// Like `normal` over one more point, the last dropped (SGM's uniform timesteps).
    case sgmUniform = "sgm_uniform"
    /// Every (1000 / steps)-th training σ from the top.
    case simple
    /// DDIM's uniform timestep stride.
    case ddimUniform = "ddim_uniform"
    /// Timesteps at the quantiles of a Beta(0.6, 0.6) distribution (more steps at both ends).
    case beta

    /// The sigmas for `steps` steps, with ComfyUI's handling of `denoise` below 1: the schedule for
    /// `Int(steps / denoise)` steps, of which the last `steps + 1` sigmas are kept. A `denoise` of 0 or less gives no
    /// sigmas (nothing to do). `discardingPenultimate` is ComfyUI's rule for dpm_2, dpm_2_ancestral and uni_pc:
    /// each schedule is computed for one step more and its second-to-last sigma dropped.
    public func sigmas(steps: Int, denoise: Double = 1, schedule: DiscreteNoiseSchedule, discardingPenultimate: Bool = false)
        -> [Float]
    {
        func full(_ steps: Int) -> [Float] {
            guard discardingPenultimate else { return sigmas(steps: steps, schedule: schedule) }
            var longer = sigmas(steps: steps + 1, schedule: schedule)
            if longer.count >= 2 { longer.remove(at: longer.count - 2) }
            return longer
        }
        guard denoise <= 0.9999 else { return full(steps) }
        guard denoise > 0, steps > 0 else { return [] }
        return Array(full(Int(Double(steps) / denoise)).suffix(steps + 1))
    }

    /// The full schedule for `steps` steps.
    func sigmas(steps: Int, schedule: DiscreteNoiseSchedule) -> [Float] {
        guard steps > 0 else { return [] }
        switch self {
        case .normal: return ScheduleShapes.timestepSpaced(steps: steps, schedule: schedule, sgm: false)
        case .sgmUniform: return ScheduleShapes.timestepSpaced(steps: steps, schedule: schedule, sgm: true)
        case .karras: return ScheduleShapes.karras(steps: steps, sigmaMin: schedule.sigmaMin, sigmaMax: schedule.sigmaMax)
        case .exponential: return ScheduleShapes.exponential(steps: steps, sigmaMin: schedule.sigmaMin, sigmaMax: schedule.sigmaMax)
        case .simple: return ScheduleShapes.simple(steps: steps, schedule: schedule)
        case .ddimUniform: return ScheduleShapes.ddimUniform(steps: steps, schedule: schedule)
        case .beta: return ScheduleShapes.beta(steps: steps, schedule: schedule)
        }
    }
}
