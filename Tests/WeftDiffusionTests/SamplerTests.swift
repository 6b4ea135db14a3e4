import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The samplers replayed against ComfyUI's own KSampler runs (Fixtures/samplers.safetensors, copied from
/// ../shared/fixtures/sd-tiny), plus the behaviour every sampler shares. Deterministic tensors: relative error
/// (max |a − e| / max |e|) ≤ 1e-4.
@Suite struct SamplerTests {
    static let tolerance: Float = 1e-4

    /// The recorded runs of samplers that evaluate the model once per step, which the recording alone can drive.
    static let replayable: [(SamplerKind, Scheduler, String)] = [
        (.euler, .normal, "euler.normal"), (.eulerAncestral, .normal, "euler_ancestral.normal"), (.lms, .normal, "lms.normal"),
        (.dpmpp2M, .normal, "dpmpp_2m.normal"), (.dpmpp2M, .karras, "dpmpp_2m.karras"),
        (.dpmpp2MSDE, .normal, "dpmpp_2m_sde.normal"), (.lcm, .normal, "lcm.normal"), (.ddim, .normal, "ddim.normal"),
        (.euler, .karras, "euler.karras"), (.euler, .exponential, "euler.exponential"), (.euler, .sgmUniform, "euler.sgm_uniform"),
        (.euler, .simple, "euler.simple"), (.euler, .ddimUniform, "euler.ddim_uniform"), (.euler, .beta, "euler.beta"),
    ]

    /// Driven with ComfyUI's recorded predictions from seed 42's noise, each sampler must hand the model the recorded
    /// state at every step, report the recorded state and prediction, and end on the recorded latent (≤ 1e-4).
    @Test(arguments: replayable)
    func replaysComfyUIRun(kind: SamplerKind, scheduler: Scheduler, name: String) throws {
        let recording = try SamplerRecording(name)
        let replay = ReplayDenoiser(recording)
        let sigmas = SamplerReplay.sigmas(kind, scheduler)
        let comparison = try SamplerReplay.compare(kind, with: recording, sigmas: sigmas, denoiser: replay.callAsFunction)
        #expect(replay.calls == recording.steps)
        #expect(comparison.reports == recording.steps)
        #expect(replay.worstInput <= Self.tolerance, "model input vs recorded state: \(replay.worstInput)")
        #expect(comparison.worstStep <= Self.tolerance, "reported state / prediction: \(comparison.worstStep)")
        #expect(comparison.final <= Self.tolerance, "final latent: \(comparison.final)")
    }

    /// UniPC evaluates the model once per step too (at the predicted state, so only the replayed predictions are fed
    /// back); its reports come after each update, in variance-preserving scaling (≤ 1e-4).
    @Test func uniPCReplaysComfyUIRun() throws {
        let recording = try SamplerRecording("uni_pc.normal")
        let replay = ReplayDenoiser(recording)
        let sigmas = SamplerReplay.sigmas(.uniPC, .normal)
        #expect(sigmas.count == 7)
        let comparison = try SamplerReplay.compare(.uniPC, with: recording, sigmas: sigmas, denoiser: replay.callAsFunction)
        #expect(replay.calls == 6)
        #expect(comparison.reports == 6)
        #expect(comparison.worstStep <= Self.tolerance, "reported state / prediction: \(comparison.worstStep)")
        #expect(comparison.final <= Self.tolerance, "final latent: \(comparison.final)")
    }

    /// ComfyUI's KSampler drops the penultimate sigma of a one-step-longer schedule for exactly these samplers.
    @Test func penultimateSigmaIsDroppedForDPM2AndUniPC() {
        let dropping = SamplerKind.allCases.filter(\.discardsPenultimateSigma)
        #expect(Set(dropping) == [.dpm2, .dpm2Ancestral, .uniPC])
        #expect(SamplerKind(rawValue: "dpmpp_2m_sde") == .dpmpp2MSDE)
        #expect(SamplerKind.allCases.count == 13)
    }

    /// A progress callback that throws stops the run at that step: the error comes out of `sample`, no later step is
    /// reported, and (for one-evaluation samplers) the model is not called again.
    @Test(arguments: SamplerKind.allCases)
    func throwingProgressInterrupts(kind: SamplerKind) throws {
        struct Interrupted: Error {}
        let sigmas = SamplerReplay.sigmas(kind, .normal)
        var reports: [Int] = []
        var calls = 0
        #expect(throws: Interrupted.self) {
            _ = try kind.sample(
                denoiser: { x, _ in
                    calls += 1
                    return x * 0.5
                }, initial: SamplerReplay.initialState(sigmas: sigmas), sigmas: sigmas, seed: 1
            ) { report in
                reports.append(report.index)
                if report.index == 2 { throw Interrupted() }
            }
        }
        #expect(reports == [0, 1, 2])
        let evaluationsPerStep = [.heun, .dpm2, .dpm2Ancestral, .dpmppSDE, .dpmpp2SAncestral].contains(kind) ? 2 : 1
        // Steps 0 and 1 in full, then step 2's first evaluation, after which it reports.
        #expect(calls == 3 * evaluationsPerStep - (evaluationsPerStep - 1))
    }

    /// Fewer than two sigmas means no step: the state comes back as it is and the model is never called; a NaN sigma
    /// is refused; a model answering with the wrong shape is a `TensorError`.
    @Test(arguments: SamplerKind.allCases)
    func refusesOrSkipsDegenerateInput(kind: SamplerKind) throws {
        let x = SamplerReplay.initialState(sigmas: [1])
        let unchanged = try kind.sample(
            denoiser: { _, _ in
                Issue.record("the model must not be called")
                return x
            }, initial: x, sigmas: [3], seed: 0)
        #expect(unchanged == x)
        #expect(throws: SamplingError.self) {
            _ = try kind.sample(denoiser: { x, _ in x }, initial: x, sigmas: [3, .nan, 0], seed: 0)
        }
        #expect(throws: TensorError.self) {
            _ = try kind.sample(denoiser: { _, _ in Tensor.zeros([1, 1, 8, 8]) }, initial: x, sigmas: [3, 1, 0], seed: 0)
        }
    }
}
