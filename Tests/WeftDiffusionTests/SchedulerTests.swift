import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The noise schedule and every scheduler against ComfyUI's own sigmas (Fixtures/sigmas.safetensors, copied from
/// ../shared/fixtures/sd-tiny: `KSampler(model, steps, 'cpu', sampler, scheduler, denoise).sigmas`).
@Suite struct SchedulerTests {
    static let schedule = DiscreteNoiseSchedule()

    static func reference(_ name: String) throws -> [Float] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/sigmas", withExtension: "safetensors"))
        return try SafetensorsFile(path: url.path(percentEncoded: false)).floats(name)
    }

    /// The largest difference relative to max(1e-3, |reference|) (the schedules are float32; ≤ 1e-5 means equal to
    /// the last bits).
    static func largestDifference(_ actual: [Float], _ expected: [Float]) -> Float {
        guard actual.count == expected.count else { return .infinity }
        return zip(actual, expected).map { abs($0 - $1) / max(1e-3, abs($1)) }.max() ?? 0
    }

    @Test func trainingSigmasMatchComfyUI() throws {
        #expect(Self.largestDifference(Self.schedule.sigmas, try Self.reference("model_sampling.sigmas")) < 1e-6)
        #expect(Self.largestDifference(Self.schedule.logSigmas, try Self.reference("model_sampling.log_sigmas")) < 1e-6)
        #expect(Self.schedule.timestep(Self.schedule.sigmaMax) == 999)
        #expect(Self.schedule.timestep(Self.schedule.sigmaMin) == 0)
    }

    @Test(arguments: Scheduler.allCases)
    func tenStepsMatchComfyUI(scheduler: Scheduler) throws {
        let sigmas = scheduler.sigmas(steps: 10, schedule: Self.schedule)
        #expect(Self.largestDifference(sigmas, try Self.reference("\(scheduler.rawValue).steps10")) < 1e-5, "\(sigmas)")
    }

    @Test(arguments: [
        ("normal.steps10.denoise0.5", Scheduler.normal, 10, 0.5), ("normal.steps6.denoise0.6", .normal, 6, 0.6),
        ("normal.steps6", .normal, 6, 1.0), ("karras.steps6", .karras, 6, 1.0),
    ])
    func denoiseKeepsTheTail(name: String, scheduler: Scheduler, steps: Int, denoise: Double) throws {
        let sigmas = scheduler.sigmas(steps: steps, denoise: denoise, schedule: Self.schedule)
        #expect(Self.largestDifference(sigmas, try Self.reference(name)) < 1e-5)
    }

    @Test func zeroStepsOrDenoiseGiveNothing() {
        #expect(Scheduler.normal.sigmas(steps: 0, schedule: Self.schedule).isEmpty)
        #expect(Scheduler.karras.sigmas(steps: 5, denoise: 0, schedule: Self.schedule).isEmpty)
    }
}
