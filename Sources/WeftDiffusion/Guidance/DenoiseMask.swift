public import WeftTensor

/// ComfyUI's noise mask for inpainting, resized to the latent: 1 where the sampler may change the latent, 0 where
/// the original must be kept.
public enum DenoiseMask {
    /// `mask` (`[H, W]`, `[B, H, W]` or `[B, 1, H, W]`, usually in pixels) resized bilinearly to the latent's size,
    /// repeated over its channels and batch: the `[B, C, h, w]` mask the sampler blends with.
    /// - Throws: `TensorError` when the mask is not 2- to 4-D or is empty.
    public static func prepared(_ mask: Tensor, latentShape: [Int]) throws(TensorError) -> Tensor {
        guard (2...4).contains(mask.rank), mask.count > 0 else {
            throw .invalidShapes(operation: "noise mask", shapes: [mask.shape], reason: "expected a non-empty [B, H, W] mask")
        }
        let (height, width) = (mask.shape[mask.rank - 2], mask.shape[mask.rank - 1])
        let planes = try mask.reshaped([mask.count / (height * width), 1, height, width])
        let resized = try resize(planes, height: latentShape[2], width: latentShape[3], method: .bilinear)
        let channels = try concat([Tensor](repeating: resized, count: latentShape[1]), dimension: 1)
        return try channels.repeatedToBatch(latentShape[0])
    }
}
