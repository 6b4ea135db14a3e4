public import WeftTensor

/// ComfyUI's ImageBatch: two IMAGE batches joined into one, the second first resized (bilinear, centre crop) to the
/// first's size when they differ.
public enum ImageBatching {
    /// `first` followed by `second`, `[B1 + B2, H1, W1, C]`.
    /// - Throws: `TensorError.invalidShapes` naming both shapes when either is not a non-empty `[B, H, W, C]` batch or
    ///   their channel counts differ.
    public static func join(_ first: Tensor, _ second: Tensor) throws(TensorError) -> Tensor {
        for shape in [first.shape, second.shape] where shape.count != 4 || shape.contains(0) {
            throw .invalidShapes(
                operation: "ImageBatch", shapes: [first.shape, second.shape], reason: "images must be non-empty [batch, height, width, channels]")
        }
        guard first.shape[3] == second.shape[3] else {
            throw .invalidShapes(
                operation: "ImageBatch", shapes: [first.shape, second.shape],
                reason: "the images have \(first.shape[3]) and \(second.shape[3]) channels")
        }
        var appended = second
        if second.shape[1...] != first.shape[1...] {
            appended = try upscale(channelsLast: second, height: first.shape[1], width: first.shape[2], method: .bilinear, crop: .center)
        }
        return try concat([first, appended], dimension: 0)
    }
}
