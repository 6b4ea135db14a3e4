public import WeftTensor

/// ComfyUI's ImageCompositeMasked on channels-last images: `source` pasted onto `destination` with its top-left
/// corner at (`x`, `y`), blended through `mask` (`mask × source + (1 − mask) × destination`), clipped at the
/// destination's edges.
public enum MaskedComposite {
    /// The composited `destination`, same shape.
    ///
    /// As in ComfyUI: `resizeSource` first resizes the source to the destination's size (bilinear); the source (and
    /// mask) batch is repeated or cut to the destination's batch; the mask (`[H, W]` or `[B, H, W]`, default all
    /// ones) is resized bilinearly to the source's size; `x` and `y` are clamped to the destination's size. A source
    /// with more channels than the destination gives its first ones (RGBA onto RGB drops alpha); a one-channel source
    /// is spread over every channel.
    /// - Throws: `TensorError.invalidShapes` naming the shapes when an image is not a non-empty `[B, H, W, C]` batch,
    ///   the mask is not `[H, W]` or `[B, H, W]`, the channel counts cannot be matched, or `x`/`y` is negative.
    public static func composite(
        destination: Tensor, source: Tensor, x: Int, y: Int, mask: Tensor?, resizeSource: Bool
    ) throws(TensorError) -> Tensor {
        let operation = "ImageCompositeMasked"
        let shapes = [destination.shape, source.shape] + (mask.map { [$0.shape] } ?? [])
        for shape in [destination.shape, source.shape] where shape.count != 4 || shape.contains(0) {
            throw .invalidShapes(operation: operation, shapes: shapes, reason: "images must be non-empty [batch, height, width, channels]")
        }
        let (batch, height, width, channels) = (destination.shape[0], destination.shape[1], destination.shape[2], destination.shape[3])
        guard source.shape[3] >= channels || source.shape[3] == 1 else {
            throw .invalidShapes(
                operation: operation, shapes: shapes, reason: "a \(source.shape[3])-channel source cannot cover \(channels) channels")
        }
        guard x >= 0, y >= 0 else {
            throw .invalidShapes(operation: operation, shapes: shapes, reason: "x \(x) and y \(y) must be ≥ 0")
        }
        var pasted = source
        if resizeSource {
            pasted = try upscale(channelsLast: source, height: height, width: width, method: .bilinear, crop: .disabled)
        }
        pasted = try repeatedToBatch(pasted, batch)
        let (sourceHeight, sourceWidth, sourceChannels) = (pasted.shape[1], pasted.shape[2], pasted.shape[3])
        let weights = try maskWeights(mask, height: sourceHeight, width: sourceWidth, batch: batch, shapes: shapes)
        let left = min(x, width)
        let top = min(y, height)
        let visibleWidth = min(sourceWidth, width - left)
        let visibleHeight = min(sourceHeight, height - top)

        var result = destination
        result.withUnsafeMutableBufferPointer { target in
            pasted.withUnsafeBufferPointer { sourceValues in
                weights.withUnsafeBufferPointer { maskValues in
                    for item in 0..<batch {
                        for row in 0..<visibleHeight {
                            for column in 0..<visibleWidth {
                                let sourcePixel = ((item * sourceHeight + row) * sourceWidth + column)
                                let weight = maskValues[sourcePixel]
                                let targetBase = ((item * height + top + row) * width + left + column) * channels
                                for channel in 0..<channels {
                                    let sample = sourceValues[sourcePixel * sourceChannels + (sourceChannels == 1 ? 0 : channel)]
                                    target[targetBase + channel] = weight * sample + (1 - weight) * target[targetBase + channel]
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The mask as `[batch, height, width]` weights: ones when absent, else resized bilinearly and repeated.
    private static func maskWeights(_ mask: Tensor?, height: Int, width: Int, batch: Int, shapes: [[Int]]) throws(TensorError) -> Tensor {
        guard let mask else { return Tensor(shape: [batch, height, width], repeating: 1) }
        guard (2...3).contains(mask.rank), !mask.shape.contains(0) else {
            throw .invalidShapes(
                operation: "ImageCompositeMasked", shapes: shapes, reason: "the mask must be non-empty [height, width] or [batch, height, width]")
        }
        let planes = try mask.reshaped([-1, 1, mask.shape[mask.rank - 2], mask.shape[mask.rank - 1]])
        let resized = try resize(planes, height: height, width: width, method: .bilinear)
        return try repeatedToBatch(try resized.reshaped([-1, height, width]), batch)
    }

    /// ComfyUI's `repeat_to_batch_size`: the first `batch` items, repeating the whole batch as often as needed.
    static func repeatedToBatch(_ tensor: Tensor, _ batch: Int) throws(TensorError) -> Tensor {
        let count = tensor.shape[0]
        if count == batch { return tensor }
        if count > batch { return try tensor.narrowed(dimension: 0, start: 0, length: batch) }
        let copies = (batch + count - 1) / count
        return try concat([Tensor](repeating: tensor, count: copies), dimension: 0).narrowed(dimension: 0, start: 0, length: batch)
    }
}
