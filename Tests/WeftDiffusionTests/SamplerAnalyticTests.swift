import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The samplers against exact answers, for what ComfyUI's recording cannot check: the second model evaluation of
/// heun, dpm_2, dpm_2_ancestral, dpmpp_sde and dpmpp_2s_ancestral, convergence, and the noise.
///
/// With data x₀ ~ N(μ, s²) per element, the ideal denoiser is linear, D(x, σ) = (s²·x + σ²·μ) / (s² + σ²), and the
/// probability-flow ODE has the exact solution x(σ) = μ + (x(σₐ) − μ)·√((s² + σ²) / (s² + σₐ²)); the reverse SDE that
/// the stochastic samplers follow ends on N(μ, s²).
@Suite struct SamplerAnalyticTests {
    static let dataDeviation: Float = 0.5

    /// A fixed pattern of data means μ.
    static func dataMean(_ shape: [Int]) -> Tensor {
        var generator = TorchGenerator(seed: 7)
        return generator.randn(shape)
    }

    /// The ideal denoiser for N(μ, s²) data.
    static func gaussianDenoiser(mean: Tensor) -> Denoiser {
        { x, sigma in
            let (variance, noiseVariance) = (dataDeviation * dataDeviation, sigma * sigma)
            return try x * (variance / (variance + noiseVariance)) + mean * (noiseVariance / (variance + noiseVariance))
        }
    }

    /// A start drawn from the marginal at `sigma`: μ + √(s² + σ²)·z.
    static func start(mean: Tensor, sigma: Float) throws -> Tensor {
        var generator = TorchGenerator(seed: 3)
        return try generator.randn(mean.shape) * (dataDeviation * dataDeviation + sigma * sigma).squareRoot() + mean
    }

    /// `steps` log-uniform sigmas from 10 down to 0.05, without a final 0 so that every sampler's own step rule is
    /// used to the end.
    static func logUniformSigmas(steps: Int) -> [Float] {
        (0...steps).map { Float(10 * Foundation.pow(0.005, Double($0) / Double(steps))) }
    }

    /// The largest error of `kind`'s result against the exact ODE solution, relative to the largest |exact value|.
    static func odeError(_ kind: SamplerKind, steps: Int) throws -> Float {
        let mean = dataMean([1, 4, 16, 16])
        let sigmas = logUniformSigmas(steps: steps)
        let x = try start(mean: mean, sigma: sigmas[0])
        let result = try kind.sample(denoiser: gaussianDenoiser(mean: mean), initial: x, sigmas: sigmas, seed: 0)
        let (variance, last) = (Double(dataDeviation * dataDeviation), Double(sigmas[sigmas.count - 1]))
        let shrink = Float(((variance + last * last) / (variance + Double(sigmas[0] * sigmas[0]))).squareRoot())
        return relativeError(result, try (x - mean) * shrink + mean)
    }

    /// The deterministic samplers converge to the exact ODE solution at their order: doubling the steps from `steps`
    /// divides the error by about 2^order (first order for Euler, second for Heun, DPM-Solver-2 and DPM-Solver++(2M),
    /// at least third for LMS and UniPC), which a wrong second evaluation or weight would break.
    @Test(arguments: [
        (SamplerKind.euler, 24, 0.85, 1.15), (.heun, 24, 1.75, 2.25), (.dpm2, 24, 1.75, 2.25), (.dpmpp2M, 24, 1.75, 2.25),
        (.lms, 24, 3, 6), (.uniPC, 12, 3, 6),
    ])
    func convergesAtItsOrder(kind: SamplerKind, steps: Int, lowest: Float, highest: Float) throws {
        let (coarse, fine) = (try Self.odeError(kind, steps: steps), try Self.odeError(kind, steps: 2 * steps))
        let order = Foundation.log2(coarse / fine)
        #expect(order >= lowest && order <= highest, "errors \(coarse) → \(fine): order \(order)")
    }

    /// With a model that always predicts 0, an ancestral step from σ to σ′ scales x by σ_down / σ and adds the i-th
    /// draw of PyTorch's generator seeded with the seed, times σ_up (ComfyUI's `default_noise_sampler`, one draw per
    /// step, none on the last); `lcm` jumps to 0 and adds the draw times σ′. Relative error ≤ 1e-4 per step (float32
    /// cancellation in x + (x/σ)·(σ_down − σ) reaches 2.5e-5 for dpm_2_ancestral; a wrong draw would be off by ~1).
    @Test(arguments: [SamplerKind.eulerAncestral, .dpm2Ancestral, .dpmpp2SAncestral, .lcm])
    func drawsOneGeneratorNoisePerStep(kind: SamplerKind) throws {
        let sigmas = SamplerReplay.sigmas(.euler, .normal)
        var states: [Tensor] = []
        let result = try kind.sample(
            denoiser: { x, _ in Tensor.zeros(x.shape) }, initial: SamplerReplay.initialState(sigmas: sigmas), sigmas: sigmas,
            seed: 1234
        ) { states.append($0.x) }
        var generator = TorchGenerator(seed: 1234)
        var worst: Float = 0
        for i in 0..<(states.count - 1) {
            let (sigma, next) = (Double(sigmas[i]), Double(sigmas[i + 1]))
            let up = min(next, (next * next * (sigma * sigma - next * next) / (sigma * sigma)).squareRoot())
            let down = (next * next - up * up).squareRoot()
            let noise = generator.randn(states[i].shape)
            let expected =
                kind == .lcm
                ? noise * Float(next) : try states[i] * Float(down / sigma) + noise * Float(up)
            worst = max(worst, relativeError(states[i + 1], expected))
        }
        #expect(worst <= 1e-4, "largest relative error \(worst)")
        #expect(result.scalars.allSatisfy { abs($0) <= 1e-5 }, "the last step lands on the prediction, 0")
    }

    /// With a model that always predicts 0, each `dpmpp_sde` step is two ancestral stages from σ: to the
    /// intermediate sigma σ_m = √(σ·σ′) (where the second evaluation sees x·σ_down/σ plus the Brownian noise for
    /// (σ, σ_m) times σ_up) and to σ′ (x·σ_down/σ plus the noise for (σ, σ′) times σ_up), the noise from ComfyUI's
    /// Brownian tree over the schedule. Relative error ≤ 1e-5.
    @Test func sdeStagesUseBrownianNoise() throws {
        let sigmas = SamplerReplay.sigmas(.dpmppSDE, .normal)
        let start = SamplerReplay.initialState(sigmas: sigmas)
        var inputs: [(Tensor, Float)] = []
        _ = try SamplerKind.dpmppSDE.sample(
            denoiser: { x, sigma in
                inputs.append((x, sigma))
                return Tensor.zeros(x.shape)
            }, initial: start, sigmas: sigmas, seed: 99)
        var noise = try BrownianTreeNoiseSampler(
            shape: start.shape, sigmaMin: sigmas[sigmas.count - 2], sigmaMax: sigmas[0], seed: 99)
        // Two evaluations per step (one on the last): σ₀, σ_m, σ₁, σ_m, …
        #expect(inputs.count == 2 * (sigmas.count - 1) - 1)
        var worst: Float = 0
        for i in 0..<(sigmas.count - 2) {
            let (x, sigma) = inputs[2 * i]
            let (midInput, mid) = inputs[2 * i + 1]
            #expect(sigma == sigmas[i])
            #expect(abs(mid - (sigmas[i] * sigmas[i + 1]).squareRoot()) <= 1e-5 * mid)
            for (target, actual) in [(mid, midInput), (sigmas[i + 1], inputs[2 * i + 2].0)] {
                let (from, to) = (Double(sigma), Double(target))
                let up = min(to, (to * to * (from * from - to * to) / (from * from)).squareRoot())
                let down = (to * to - up * up).squareRoot()
                let expected = try x * Float(down / from) + noise(sigma, target) * Float(up)
                worst = max(worst, relativeError(actual, expected))
            }
        }
        #expect(worst <= 1e-5, "largest relative error \(worst)")
    }

    /// Over 50 Karras steps from σ_max with the ideal denoiser, the stochastic two-evaluation samplers end on the
    /// data distribution: over 16,384 elements the mean of x − μ is within 0.02 of 0 and its variance within 5 % of
    /// s² (leaving out `dpmpp_sde`'s first-stage noise, for one, gives 0.88·s²).
    @Test(arguments: [SamplerKind.dpm2Ancestral, .dpmpp2SAncestral, .dpmppSDE])
    func endsOnTheDataDistribution(kind: SamplerKind) throws {
        let mean = Self.dataMean([1, 4, 64, 64])
        let sigmas = Scheduler.karras.sigmas(steps: 50, schedule: SamplerReplay.schedule)
        let x = try Self.start(mean: mean, sigma: sigmas[0])
        let result = try kind.sample(denoiser: Self.gaussianDenoiser(mean: mean), initial: x, sigmas: sigmas, seed: 5)
        let deviations = try (result - mean).scalars.map(Double.init)
        let average = deviations.reduce(0, +) / Double(deviations.count)
        let variance = deviations.map { ($0 - average) * ($0 - average) }.reduce(0, +) / Double(deviations.count)
        let ratio = variance / Double(Self.dataDeviation * Self.dataDeviation)
        #expect(abs(average) <= 0.02, "mean \(average)")
        #expect(abs(ratio - 1) <= 0.05, "variance / s² = \(ratio)")
    }
}
