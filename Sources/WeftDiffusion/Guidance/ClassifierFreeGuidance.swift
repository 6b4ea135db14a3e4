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
        let conditioned = try average(of: positive, x: x, sigma: sigma)
        guard let negative else { return conditioned }
        let unconditioned = try average(of: negative, x: x, sigma: sigma)
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

    /// The strength-weighted average of the entries' predictions over the latent; cells no entry covers are 0.
    private func average(of entries: [ConditioningEntry], x: Tensor, sigma: Float) throws -> Tensor {
        let (batch, height, width) = (x.shape[0], x.shape[2], x.shape[3])
        var total = LatentAccumulator(shape: x.shape)
        let jobs = try entries.compactMap { entry throws(TensorError) -> AreaJob? in
            try AreaJob(entry: entry, x: x, latentHeight: height, latentWidth: width, batch: batch)
        }
        var remaining = jobs[...]
        while let first = remaining.first {
            let group = remaining.filter { $0.fitsBatch(with: first) }
            remaining = remaining.filter { !$0.fitsBatch(with: first) }[...]
            let inputs = try concat(group.map(\.input), dimension: 0)
            let contexts = try concat(group.map(\.context), dimension: 0)
            let outputs = try model(inputs, sigma, contexts).split(chunks: group.count, dimension: 0)
            for (job, output) in zip(group, outputs) {
                total.add(output, weights: job.weights, area: job.area)
            }
        }
        return try total.average()
    }
}
