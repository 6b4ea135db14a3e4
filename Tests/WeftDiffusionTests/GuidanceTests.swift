import Testing
import WeftDiffusion
import WeftTensor

/// Classifier-free guidance, noise, masks and step ranges on small hand-checked cases. Exact equality is expected
/// where the arithmetic is exact in Float32; otherwise the tolerance is stated.
@Suite struct GuidanceTests {
    /// A model whose prediction for each batch row is that row's context value everywhere, recording each call's
    /// batch size.
    final class ConstantModel: @unchecked Sendable {
        var batchSizes: [Int] = []

        func predict(_ x: Tensor, _ sigma: Float, _ context: Tensor) throws -> Tensor {
            batchSizes.append(x.shape[0])
            let perRow = context.count / context.shape[0]
            let plane = x.count / x.shape[0]
            let values = (0..<x.shape[0]).flatMap { row in [Float](repeating: context.scalars[row * perRow], count: plane) }
            return try Tensor(shape: x.shape, values: values)
        }
    }

    func entry(_ value: Float, area: LatentArea? = nil, strength: Float = 1) -> ConditioningEntry {
        ConditioningEntry(context: Tensor(shape: [1, 2, 3], repeating: value), area: area, strength: strength)
    }

    @Test func guidanceIsNegativePlusScaledDifferenceInOneBatchedCall() throws {
        let model = ConstantModel()
        let guidance = ClassifierFreeGuidance(model: model.predict, positive: [entry(3)], negative: [entry(1)], scale: 4)
        let result = try guidance.denoise(Tensor.zeros([2, 4, 8, 8]), sigma: 1)
        #expect(result.scalars.allSatisfy { $0 == 1 + (3 - 1) * 4 })
        #expect(model.batchSizes == [4])
    }

    @Test func scaleOneSkipsTheNegative() throws {
        let model = ConstantModel()
        let guidance = ClassifierFreeGuidance(model: model.predict, positive: [entry(3)], negative: [entry(1)], scale: 1)
        let result = try guidance.denoise(Tensor.zeros([1, 4, 8, 8]), sigma: 1)
        #expect(result.scalars.allSatisfy { $0 == 3 })
        #expect(model.batchSizes == [1])
    }

    /// A full-latent entry (value 2) and an area entry (value 10, rows 0..<8 of a 16-row latent, strength 1): the area
    /// is feathered only at its inner (bottom) edge, so row r < 8 averages 2 and 10 with weights 1 and f(r), where
    /// f(7) = 1/8 … f(0) = 8/8; rows 8… are 2. The negative side gets a matching area entry, as in ComfyUI.
    @Test func areasAreAveragedWithFeatheredEdges() throws {
        let model = ConstantModel()
        let area = LatentArea(height: 8, width: 16, y: 0, x: 0)
        let guidance = ClassifierFreeGuidance(
            model: model.predict, positive: [entry(2), entry(10, area: area)], negative: [entry(0)], scale: 1)
        let result = try guidance.denoise(Tensor.zeros([1, 1, 16, 16]), sigma: 1)
        for row in 0..<16 {
            let weight: Float = row < 8 ? Float(8 - row) / 8 : 0
            let expected = (2 + 10 * weight) / (1 + weight)
            #expect(abs(result[0, 0, row, 5] - expected) <= 1e-6, "row \(row)")
        }
    }

    @Test func noiseForBatchIndicesTakesEachIndexsDraw() throws {
        let whole = try LatentNoise.noise(shape: [3, 4, 2, 2], seed: 7)
        let indexed = try LatentNoise.noise(shape: [2, 4, 2, 2], seed: 7, batchIndices: [2, 0])
        #expect(try indexed.narrowed(dimension: 0, start: 0, length: 1) == whole.narrowed(dimension: 0, start: 2, length: 1))
        #expect(try indexed.narrowed(dimension: 0, start: 1, length: 1) == whole.narrowed(dimension: 0, start: 0, length: 1))
        #expect(throws: TensorError.self) { try LatentNoise.noise(shape: [2, 4, 2, 2], seed: 7, batchIndices: [0]) }
    }

    @Test func denoiseMaskIsResizedAndRepeated() throws {
        let mask = try Tensor(shape: [1, 4, 4], values: [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0])
        let prepared = try DenoiseMask.prepared(mask, latentShape: [2, 3, 2, 2])
        #expect(prepared.shape == [2, 3, 2, 2])
        #expect(prepared.scalars == [Float](repeating: 0, count: 6).indices.flatMap { _ in [Float(1), 0, 1, 0] })
    }

    @Test func stepRangesCutTheScheduleAsComfyUI() throws {
        let schedule = DiscreteNoiseSchedule()
        let full = try #require(StepRange().sigmas(sampler: .euler, scheduler: .normal, steps: 6, schedule: schedule))
        #expect(full.count == 7 && full.last == 0)
        let leftover = try #require(StepRange(lastStep: 3).sigmas(sampler: .euler, scheduler: .normal, steps: 6, schedule: schedule))
        #expect(leftover == Array(full.prefix(4)))
        let finished = try #require(
            StepRange(startStep: 2, lastStep: 5, forceFullDenoise: true).sigmas(sampler: .euler, scheduler: .normal, steps: 6, schedule: schedule))
        #expect(finished == Array(full[2...4]) + [0])
        #expect(StepRange(startStep: 6).sigmas(sampler: .euler, scheduler: .normal, steps: 6, schedule: schedule) == nil)
        let dpm2 = try #require(StepRange().sigmas(sampler: .dpm2, scheduler: .normal, steps: 6, schedule: schedule))
        let seven = Scheduler.normal.sigmas(steps: 7, schedule: schedule)
        #expect(dpm2 == Array(seven.prefix(6)) + [0])
    }

    @Test func latentPreviewProjectsChannelsToColours() throws {
        let latent = try Tensor(shape: [1, 4, 1, 2], values: [1, 0, 0, 0, 0, 0, 0, 1])
        let image = try LatentPreview.image(of: latent)
        #expect(image.shape == [1, 1, 2, 3])
        let expected: [Float] = [(0.3512 + 1) / 2, (0.2297 + 1) / 2, (0.3227 + 1) / 2, (-0.2120 + 1) / 2, (-0.2616 + 1) / 2, (-0.7177 + 1) / 2]
        for (actual, wanted) in zip(image.scalars, expected) { #expect(abs(actual - wanted) <= 1e-6) }
    }
}
