import Foundation
import WeftDiffusion
import WeftTensor

/// One KSampler run recorded by ComfyUI in Fixtures/samplers.safetensors (seed 42, 6 steps, cfg 4, "a red apple on a
/// table"; see the manifest): the callback's state and prediction at every step, and the final latent divided by
/// 0.18215.
struct SamplerRecording {
    /// The case name, `<sampler>.<scheduler>`.
    let name: String
    /// `x_steps`: [callbacks, 4, 8, 8].
    let states: Tensor
    /// `denoised_steps`: [callbacks, 4, 8, 8].
    let predictions: Tensor
    /// The KSampler output (the final state / 0.18215).
    let final: Tensor

    init(_ name: String) throws {
        self.name = name
        states = try fixtureTensor("samplers", "\(name).x_steps")
        predictions = try fixtureTensor("samplers", "\(name).denoised_steps")
        final = try fixtureTensor("samplers", "\(name).final")
    }

    /// The number of callbacks.
    var steps: Int { states.shape[0] }

    /// The recorded state at callback `index`, shaped like the latent [1, 4, 8, 8].
    func state(_ index: Int) throws -> Tensor { try states.selected(dimension: 0, index: index).reshaped(final.shape) }

    /// The recorded prediction at callback `index`, shaped like the latent.
    func prediction(_ index: Int) throws -> Tensor {
        try predictions.selected(dimension: 0, index: index).reshaped(final.shape)
    }
}

/// How far a sampler run is from a recording: the largest relative error (max |a − e| / max |e|) of the reported
/// states and predictions over all steps, of the final latent, and the number of reports.
struct ReplayComparison {
    var worstStep: Float = 0
    var final: Float = 0
    var reports = 0
}

/// A denoiser that plays back a recording's predictions, one per call, and notes how far each state it is given is
/// from the recorded one (meaningful for the k-diffusion samplers, whose model sees exactly the reported state).
final class ReplayDenoiser {
    let recording: SamplerRecording
    private(set) var calls = 0
    private(set) var worstInput: Float = 0

    init(_ recording: SamplerRecording) { self.recording = recording }

    func callAsFunction(_ x: Tensor, _ sigma: Float) throws -> Tensor {
        defer { calls += 1 }
        worstInput = max(worstInput, relativeError(x, try recording.state(calls)))
        return try recording.prediction(calls)
    }
}

enum SamplerReplay {
    static let schedule = DiscreteNoiseSchedule()
    static let latentScale: Float = 0.18215

    /// The sigmas ComfyUI's KSampler gives `kind` for `steps` steps of `scheduler` at full denoise (one step more,
    /// penultimate sigma dropped, for the samplers that ask for it).
    static func sigmas(_ kind: SamplerKind, _ scheduler: Scheduler, steps: Int = 6) -> [Float] {
        guard kind.discardsPenultimateSigma else { return scheduler.sigmas(steps: steps, schedule: schedule) }
        var sigmas = scheduler.sigmas(steps: steps + 1, schedule: schedule)
        sigmas.remove(at: sigmas.count - 2)
        return sigmas
    }

    /// KSampler's starting state for an empty latent: seed 42's noise times √(1 + σ₀²) when σ₀ is the model's
    /// largest sigma (ComfyUI's `max_denoise`, within a relative 10⁻⁵), else times σ₀ (e.g. `ddim_uniform`, whose
    /// schedule starts below it).
    static func initialState(sigmas: [Float]) -> Tensor {
        var generator = TorchGenerator(seed: 42)
        let (first, largest) = (Double(sigmas[0]), Double(schedule.sigmaMax))
        let fullDenoise = abs(largest - first) <= 1e-5 * max(abs(largest), abs(first)) || first > largest
        return generator.randn([1, 4, 8, 8]) * (fullDenoise ? (1 + sigmas[0] * sigmas[0]).squareRoot() : sigmas[0])
    }

    /// Runs `kind` as the recorded KSampler did (seed 42) with any denoiser, and compares its reports and result with
    /// the recording. One-evaluation samplers can replay the recording itself (`ReplayDenoiser`); the two-evaluation
    /// samplers need the real model with CFG, which plugs in here unchanged.
    static func compare(
        _ kind: SamplerKind, with recording: SamplerRecording, sigmas: [Float], denoiser: Denoiser
    ) throws -> ReplayComparison {
        var comparison = ReplayComparison()
        let result = try kind.sample(denoiser: denoiser, initial: initialState(sigmas: sigmas), sigmas: sigmas, seed: 42) { report in
            guard report.index < recording.steps, report.total == sigmas.count - 1 else {
                comparison.worstStep = .infinity
                return
            }
            comparison.reports += 1
            let stateError = relativeError(report.x, try recording.state(report.index))
            let predictionError = relativeError(report.denoised, try recording.prediction(report.index))
            comparison.worstStep = max(comparison.worstStep, stateError, predictionError)
        }
        comparison.final = relativeError(result / latentScale, recording.final)
        return comparison
    }
}
