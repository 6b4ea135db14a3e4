public import WeftTensor

/// A cheap look at a latent while sampling runs: each latent cell mapped to a colour by a fixed linear projection,
/// without running the VAE (ComfyUI's "latent2rgb" previewer). The picture is one eighth of the final size.
public enum LatentPreview {
    /// SD1.x's latent-to-RGB projection, one row per latent channel (R, G, B). These twelve numbers are data from
    /// ComfyUI's `latent_formats.py` (GPL-3.0), a least-squares fit of VAE-decoded colours to latent channels.
    static let sd1Factors: [[Float]] = [
        [0.3512, 0.2297, 0.3227],
        [0.3250, 0.4974, 0.2350],
        [-0.2829, 0.1762, 0.2721],
        [-0.2120, -0.2616, -0.7177],
    ]

    /// The first entry of `denoised` (`[B, 4, h, w]`, in the model's scaled latent space) as an IMAGE `[1, h, w, 3]`
    /// in 0…1: `((latent · factors) + 1) / 2`, clamped.
    /// - Throws: `TensorError` when the latent does not have 4 channels.
    public static func image(of denoised: Tensor) throws(TensorError) -> Tensor {
        guard denoised.rank == 4, denoised.shape[1] == sd1Factors.count, denoised.shape[0] > 0 else {
            throw .invalidShapes(operation: "latent preview", shapes: [denoised.shape], reason: "expected [B, 4, h, w]")
        }
        let (height, width) = (denoised.shape[2], denoised.shape[3])
        let plane = height * width
        let factors = try Tensor(shape: [4, 3], values: sd1Factors.flatMap { $0 })
        let first = try denoised.narrowed(dimension: 0, start: 0, length: 1).reshaped([4, plane])
        let rgb = try matmul(first, factors, transposeA: true)
        return try clamp((rgb + 1) / 2, min: 0, max: 1).reshaped([1, height, width, 3])
    }
}
