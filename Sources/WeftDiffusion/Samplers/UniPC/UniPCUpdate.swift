import Foundation
import WeftTensor

extension SamplingRun {
    /// One UniPC step (B(h) = h, data prediction) from the newest level of `history` to `target`, `order` ≥ 1: the
    /// predictor extrapolates from the `order` newest data predictions; with `corrects`, the model is evaluated at the
    /// predicted state and the step is redone with that evaluation (UniC). Returns the new state and, with
    /// `corrects`, the evaluation.
    func uniPCUpdate(
        _ x: Tensor, history: [VariancePreservingLevel], predictions: [Tensor], to target: VariancePreservingLevel, order: Int,
        corrects: Bool
    ) throws -> (Tensor, Tensor?) {
        let newest = history[history.count - 1]
        let newestPrediction = predictions[predictions.count - 1]
        let h = target.lambda - newest.lambda
        var ratios: [Float] = []
        var differences: [Tensor] = []
        for back in 1..<order {
            let ratio = (history[history.count - 1 - back].lambda - newest.lambda) / h
            ratios.append(ratio)
            differences.append(try (predictions[predictions.count - 1 - back] - newestPrediction) / ratio)
        }
        ratios.append(1)

        // B(h) = h with h taken negative (data prediction): the right-hand sides b_k = k!·φ_{k+1}(h)·h / B(h).
        let hh = -h
        let hPhi1 = Foundation.expm1(hh)
        var hPhiK = hPhi1 / hh - 1
        var factorial = 1
        var powers: [[Float]] = []
        var rhs: [Float] = []
        for k in 1...order {
            powers.append(ratios.map { ratio in (1..<k).reduce(1) { power, _ in power * ratio } })
            rhs.append(hPhiK * Float(factorial) / hh)
            factorial *= k + 1
            hPhiK = hPhiK / hh - Float(1 / Double(factorial))
        }

        let base = try x * (target.noiseScale / newest.noiseScale) - newestPrediction * (target.alpha * hPhi1)
        let stepScale = target.alpha * hh
        var predicted = base
        if !differences.isEmpty {
            let weights =
                order == 2
                ? [0.5] : SmallLinearSystem.solve(powers.dropLast().map { Array($0.dropLast()) }, Array(rhs.dropLast()))
            predicted = try base - weightedSum(differences, weights) * stepScale
        }
        guard corrects else { return (predicted, nil) }
        let evaluation = try dataPrediction(predicted, at: target)
        let weights: [Float] = order == 1 ? [0.5] : SmallLinearSystem.solve(powers, rhs)
        var correction = try (evaluation - newestPrediction) * weights[weights.count - 1]
        if !differences.isEmpty {
            correction = try weightedSum(differences, weights) + correction
        }
        return (try base - correction * stepScale, evaluation)
    }

    /// Σ tensors[k] · weights[k] over the tensors (weights may have more entries than there are tensors).
    private func weightedSum(_ tensors: [Tensor], _ weights: [Float]) throws -> Tensor {
        var sum = tensors[0] * weights[0]
        for (tensor, weight) in zip(tensors, weights).dropFirst() {
            sum = try sum + tensor * weight
        }
        return sum
    }
}
