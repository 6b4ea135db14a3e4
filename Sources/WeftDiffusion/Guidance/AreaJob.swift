import WeftTensor

/// One conditioning entry made ready for a model call: the latent crop it sees, its context repeated over the
/// batch, and the per-cell weight of its prediction (strength, feathered over 8 cells at edges inside the latent).
struct AreaJob {
    /// The latent rectangle evaluated.
    let area: LatentArea
    /// `x` cropped to `area`, `[B, C, area.height, area.width]`.
    let input: Tensor
    /// The context with one row per batch entry.
    let context: Tensor
    /// The weight of each cell of `area`, row-major `area.height × area.width`.
    let weights: [Float]

    /// The job for `entry` on `x`, or nil when its area lies outside the latent.
    init?(entry: ConditioningEntry, x: Tensor, latentHeight: Int, latentWidth: Int, batch: Int) throws(TensorError) {
        let full = LatentArea(height: latentHeight, width: latentWidth, y: 0, x: 0)
        guard let area = (entry.area ?? full).clamped(toHeight: latentHeight, width: latentWidth) else { return nil }
        self.area = area
        input =
            area == full
            ? x
            : try x.narrowed(dimension: 2, start: area.y, length: area.height)
                .narrowed(dimension: 3, start: area.x, length: area.width)
        context = try entry.context.repeatedToBatch(batch)
        weights = Self.featheredWeights(area: area, strength: entry.strength, latentHeight: latentHeight, latentWidth: latentWidth)
    }

    /// Whether this job can share a model call with `other`: the same crop size and context length.
    func fitsBatch(with other: AreaJob) -> Bool {
        area.height == other.area.height && area.width == other.area.width && context.shape == other.context.shape
    }

    /// `strength` everywhere, with the 8 rows or columns next to each edge that lies inside the latent scaled by
    /// 1/8, 2/8, … 8/8 from the edge inwards (ComfyUI's feathering for areas without a mask). Areas under 8 cells
    /// scale the rows ComfyUI's Python slices reach, negative ones counting from the far edge.
    private static func featheredWeights(area: LatentArea, strength: Float, latentHeight: Int, latentWidth: Int) -> [Float] {
        var weights = [Float](repeating: strength, count: area.height * area.width)
        let ramp = 8
        /// The index Python's `[start:start + 1]` slice of a dimension of `size` selects, if any.
        func sliceIndex(_ start: Int, size: Int) -> Int? {
            let end = start + 1
            if start >= 0 { return start < size ? start : nil }
            guard end < 0 else { return nil }
            return start + size >= 0 ? start + size : nil
        }
        func scaleRow(_ start: Int, by factor: Float) {
            guard let row = sliceIndex(start, size: area.height) else { return }
            for column in 0..<area.width { weights[row * area.width + column] *= factor }
        }
        func scaleColumn(_ start: Int, by factor: Float) {
            guard let column = sliceIndex(start, size: area.width) else { return }
            for row in 0..<area.height { weights[row * area.width + column] *= factor }
        }
        let factors = (0..<ramp).map { Float(1.0 / Double(ramp) * Double($0 + 1)) }
        if area.y != 0 { for step in 0..<ramp { scaleRow(step, by: factors[step]) } }
        if area.y + area.height < latentHeight { for step in 0..<ramp { scaleRow(area.height - 1 - step, by: factors[step]) } }
        if area.x != 0 { for step in 0..<ramp { scaleColumn(step, by: factors[step]) } }
        if area.x + area.width < latentWidth { for step in 0..<ramp { scaleColumn(area.width - 1 - step, by: factors[step]) } }
        return weights
    }
}
