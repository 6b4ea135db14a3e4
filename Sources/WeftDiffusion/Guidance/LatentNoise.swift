public import WeftTensor

/// The initial noise of a sampling run, drawn as ComfyUI's `prepare_noise` draws it: one generator seeded with the
/// seed, the whole latent batch in one `randn`, or, when the latent carries batch indices, one `[1, C, H, W]` draw
/// per index up to the largest, each entry taking the draw of its index.
public enum LatentNoise {
    /// Noise shaped like a latent of `shape` (`[B, C, H, W]`) for `seed`.
    /// - Throws: `TensorError` when `batchIndices` is given but its count differs from B or an index is negative.
    public static func noise(shape: [Int], seed: UInt64, batchIndices: [Int]? = nil) throws(TensorError) -> Tensor {
        var generator = TorchGenerator(seed: seed)
        guard let batchIndices else { return generator.randn(shape) }
        guard batchIndices.count == shape[0], let largest = batchIndices.max(), batchIndices.allSatisfy({ $0 >= 0 }) else {
            throw .invalidShapes(
                operation: "noise", shapes: [shape], reason: "batch indices \(batchIndices) do not fit the latent batch")
        }
        let single = [1] + shape.dropFirst()
        let draws = (0...largest).map { _ in generator.randn(single) }
        return try concat(batchIndices.map { draws[$0] }, dimension: 0)
    }
}
