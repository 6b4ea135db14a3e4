import Testing
import WeftDiffusion
import WeftTensor

/// Whole sampling runs of the tiny checkpoint against ComfyUI 0.3.64's own results (Fixtures/samplers, img2img and
/// advanced.safetensors): text encoding, classifier-free guidance, noise, schedule, sampler and latent scaling
/// together. Tolerance: relative error ≤ 1e-4 for every final latent and every reported step.
@Suite struct KSamplerFixtureTests {
    let pipeline: TinyPipeline

    init() throws {
        pipeline = try TinyPipeline()
    }

    /// Every sampler with the normal schedule, and euler with every scheduler: the final latent and each step's
    /// reported state and prediction.
    @Test(
        arguments: SamplerKind.allCases.map { ($0, Scheduler.normal) } + Scheduler.allCases.filter { $0 != .normal }.map { (SamplerKind.euler, $0) }
            + [(SamplerKind.dpmpp2M, Scheduler.karras)])
    func finalLatentAndStepsMatchComfyUI(sampler: SamplerKind, scheduler: Scheduler) throws {
        let name = "\(sampler.rawValue).\(scheduler.rawValue)"
        var states: [Tensor] = []
        var predictions: [Tensor] = []
        let final = try pipeline.sample(sampler, scheduler: scheduler) { report in
            states.append(report.x)
            predictions.append(report.denoised)
        }
        let expected = try fixtureTensor("samplers", "\(name).final")
        #expect(relativeError(final, expected) <= 1e-4, "\(name) final")
        let expectedStates = try fixtureTensor("samplers", "\(name).x_steps")
        let expectedPredictions = try fixtureTensor("samplers", "\(name).denoised_steps")
        try #require(states.count == expectedStates.shape[0], "\(name): \(states.count) steps reported")
        #expect(relativeError(try concat(states, dimension: 0), expectedStates) <= 1e-4, "\(name) states")
        #expect(relativeError(try concat(predictions, dimension: 0), expectedPredictions) <= 1e-4, "\(name) predictions")
    }

    /// KSampler with denoise 0.6 from the encoded test image (img2img), and the VAE decode of euler's result.
    @Test func imageToImageMatchesComfyUI() throws {
        let start = try fixtureTensor("img2img", "latent_in")
        let euler = try pipeline.sample(.euler, latent: start, denoise: 0.6)
        #expect(relativeError(euler, try fixtureTensor("img2img", "euler.normal.denoise0.6.final")) <= 1e-4)
        let dpmpp = try pipeline.sample(.dpmpp2M, latent: start, denoise: 0.6)
        #expect(relativeError(dpmpp, try fixtureTensor("img2img", "dpmpp_2m.normal.denoise0.6.final")) <= 1e-4)
        #expect(relativeError(try pipeline.vae.decode(euler), try fixtureTensor("img2img", "euler.decoded")) <= 1e-4)
    }

    /// KSamplerAdvanced's step ranges: steps 2–5 fully denoised, steps 0–3 with leftover noise, and steps 3– without
    /// fresh noise from the encoded image.
    @Test func advancedStepRangesMatchComfyUI() throws {
        let steps2to5 = try pipeline.sample(.euler, range: StepRange(startStep: 2, lastStep: 5, forceFullDenoise: true))
        #expect(relativeError(steps2to5, try fixtureTensor("advanced", "advanced.steps2to5.final")) <= 1e-4)
        let leftover = try pipeline.sample(.euler, range: StepRange(startStep: 0, lastStep: 3, forceFullDenoise: false))
        #expect(relativeError(leftover, try fixtureTensor("advanced", "advanced.leftover.final")) <= 1e-4)
        let encoded = try fixtureTensor("img2img", "latent_in")
        let noNoise = try pipeline.sample(
            .euler, latent: encoded, range: StepRange(startStep: 3, lastStep: 10000, forceFullDenoise: true), addNoise: false)
        #expect(relativeError(noNoise, try fixtureTensor("advanced", "advanced.nonoise.final")) <= 1e-4)
    }

    /// KSampler on a latent with a pixel-space noise mask (left half regenerated, right half kept).
    @Test func noiseMaskInpaintingMatchesComfyUI() throws {
        let mask = try fixtureTensor("advanced", "inpaint.mask")
        let result = try pipeline.sample(.euler, latent: try fixtureTensor("img2img", "latent_in"), noiseMask: mask)
        #expect(relativeError(result, try fixtureTensor("advanced", "inpaint.euler.final")) <= 1e-4)
    }

    /// A start step at or past the last step returns the latent untouched, as ComfyUI does.
    @Test func startBeyondTheScheduleReturnsTheLatent() throws {
        let encoded = try fixtureTensor("img2img", "latent_in")
        let result = try pipeline.sample(.euler, latent: encoded, range: StepRange(startStep: 6))
        #expect(result == encoded)
    }
}
