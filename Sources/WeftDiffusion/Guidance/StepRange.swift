/// Which part of a schedule a sampling run covers, as ComfyUI's KSampler and KSamplerAdvanced choose it: the sampler's
/// schedule for `steps` (with `denoise` and the penultimate-sigma rule of dpm_2 and uni_pc), cut after `lastStep`
/// (its final sigma set to 0 when `forceFullDenoise`), then from `startStep`.
public struct StepRange: Sendable, Equatable {
    /// The first step run, or nil for the start.
    public var startStep: Int?
    /// The last step run, or nil for the end.
    public var lastStep: Int?
    /// Whether a run cut short by `lastStep` still ends at σ = 0 (KSamplerAdvanced without leftover noise).
    public var forceFullDenoise: Bool

    /// The whole schedule unless limited.
    public init(startStep: Int? = nil, lastStep: Int? = nil, forceFullDenoise: Bool = false) {
        self.startStep = startStep
        self.lastStep = lastStep
        self.forceFullDenoise = forceFullDenoise
    }

    /// The sigmas to sample for `sampler` with `scheduler` over `steps` steps and `denoise`, or nil when `startStep`
    /// lies at or beyond the last step, so the latent is returned as it is.
    public func sigmas(
        sampler: SamplerKind, scheduler: Scheduler, steps: Int, denoise: Double = 1, schedule: DiscreteNoiseSchedule
    ) -> [Float]? {
        var sigmas = scheduler.sigmas(
            steps: steps, denoise: denoise, schedule: schedule, discardingPenultimate: sampler.discardsPenultimateSigma)
        if let lastStep, lastStep < sigmas.count - 1 {
            sigmas = Array(sigmas.prefix(max(0, lastStep) + 1))
            if forceFullDenoise { sigmas[sigmas.count - 1] = 0 }
        }
        if let startStep {
            guard startStep < sigmas.count - 1 else { return nil }
            sigmas = Array(sigmas.dropFirst(max(0, startStep)))
        }
        return sigmas
    }
}
