public import WeftCore
public import WeftTensor

/// A `LATENT` flowing between nodes: latent samples `[B, 4, H/8, W/8]` (in the VAE's space, unscaled), with
/// ComfyUI's optional noise mask (`[B, 1, H, W]`, 1 = regenerate) and batch indices (which noise draw each entry
/// takes).
public struct LatentValue: CustomValue {
    /// The latent batch.
    public var samples: Tensor
    /// Where sampling may change the latent, when set by SetLatentNoiseMask or VAEEncodeForInpaint.
    public var noiseMask: Tensor?
    /// The noise draw of each batch entry, when the batch was cut from a larger one.
    public var batchIndex: [Int]?

    /// A latent without mask or batch indices unless given.
    public init(samples: Tensor, noiseMask: Tensor? = nil, batchIndex: [Int]? = nil) {
        self.samples = samples
        self.noiseMask = noiseMask
        self.batchIndex = batchIndex
    }

    /// `"LATENT"`.
    public var typeName: String { "LATENT" }
    /// `LATENT [1, 4, 64, 64]`, plus `masked` when a noise mask is set.
    public var summary: String { "LATENT \(samples.shape)" + (noiseMask == nil ? "" : " masked") }
    /// Four bytes per element of the samples and the mask.
    public var byteCount: Int { (samples.count + (noiseMask?.count ?? 0)) * MemoryLayout<Float>.size }
}
