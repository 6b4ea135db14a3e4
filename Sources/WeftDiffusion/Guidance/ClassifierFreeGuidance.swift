public import WeftTensor

/// A model's denoised prediction for a latent batch `x` (`[N, C, h, w]`) at noise level `sigma`, conditioned on a
/// cross-attention context with one row per batch entry (`[N, tokens, width]`).
public typealias ConditionedDenoiser = (_ x: Tensor, _ sigma: Float, _ context: Tensor) throws -> Tensor

/// Classifier-free guidance as ComfyUI's sampling function computes it: every conditioning entry is evaluated on its
/// area of the latent, entries of the same size share one batched model call, each side (positive, negative)
/// averages its entries weighted by strength (with ComfyUI's 8-cell feathering at area edges inside the latent), and
/// the result is `negative + (positive − negative) · scale`. With a scale of 1 the negative side is not evaluated.
public struct ClassifierFreeGuidance {
    /// The conditioned model.
    private let model: ConditionedDenoiser
    /// The positive entries, with areas paired as ComfyUI pairs them.
    private let positive: [ConditioningEntry]
    /// The negative entries; nil when the scale is 1 and they are skipped.
    private let negative: [ConditioningEntry]?
    /// The guidance scale (cfg).
    private let scale: Float

    /// Guidance of `model` towards `positive` and away from `negative` by `scale`.
    public init(model: @escaping ConditionedDenoiser, positive: [ConditioningEntry], negative: [ConditioningEntry], scale: Double) {
        var positive = positive
        var negative = negative
        for entry in positive { Self.addMatchingArea(for: entry, to: &negative) }
        for entry in negative { Self.addMatchingArea(for: entry, to: &positive) }
        self.model = model
        self.positive = positive
        self.negative = abs(scale - 1) <= 1e-9 * max(1, abs(scale)) ? nil : negative
        self.scale = Float(scale)
    }

    /// The guided prediction for `x` at `sigma`.
    /// - Throws: `TensorError` when a context does not fit the model, or whatever the model throws.
    public func denoise(_ x: Tensor, sigma: Float) throws -> Tensor {
        let averages = try averages(of: [positive] + (negative.map { [$0] } ?? []), x: x, sigma: sigma)
        guard averages.count == 2 else { return averages[0] }
        let (conditioned, unconditioned) = (averages[0], averages[1])
        return try unconditioned + (conditioned - unconditioned) * scale
    }

    /// ComfyUI's `create_cond_with_same_area_if_none`: when `entry` has an area, the other side gets an entry for the
    /// same area, made from the smallest of its entries that covers it (unless that one already has exactly this
    /// area), so both sides are averaged over matching regions.
    private static func addMatchingArea(for entry: ConditioningEntry, to others: inout [ConditioningEntry]) {
        guard let area = entry.area else { return }
        var smallest: ConditioningEntry?
        for other in others {
            guard let otherArea = other.area else {
                if smallest == nil { smallest = other }
                continue
            }
            guard otherArea.contains(area) else { continue }
            if let current = smallest?.area, current.height * current.width <= otherArea.height * otherArea.width {
                continue
            }
            smallest = other
        }
        guard let smallest, smallest.area != area else { return }
        var paired = entry
        paired.context = smallest.context
        paired.pooled = smallest.pooled
        others.append(paired)
    }

    /// The strength-weighted average of each side's entries' predictions over the latent (cells no entry covers
    /// are 0). Entries of every side that see the same crop size and context length share one batched model call,
    /// as ComfyUI batches the positive and negative prompts together.
    private func averages(of sides: [[ConditioningEntry]], x: Tensor, sigma: Float) throws -> [Tensor] {
        let (batch, height, width) = (x.shape[0], x.shape[2], x.shape[3])
        var totals = sides.map { _ in LatentAccumulator(shape: x.shape) }
        var remaining: [(side: Int, job: AreaJob)] = []
        for (side, entries) in sides.enumerated() {
            for entry in entries {
                if let job = try AreaJob(entry: entry, x: x, latentHeight: height, latentWidth: width, batch: batch) {
                    remaining.append((side, job))
                }
            }
        }
        while let first = remaining.first?.job {
            let group = remaining.filter { $0.job.fitsBatch(with: first) }
            remaining.removeAll { $0.job.fitsBatch(with: first) }
            let inputs = try concat(group.map(\.job.input), dimension: 0)
            let contexts = try concat(group.map(\.job.context), dimension: 0)
            let outputs = try model(inputs, sigma, contexts).split(chunks: group.count, dimension: 0)
            for ((side, job), output) in zip(group, outputs) {
                totals[side].add(output, weights: job.weights, area: job.area)
            }
        }
        return try totals.map { try $0.average() }
    }
}
