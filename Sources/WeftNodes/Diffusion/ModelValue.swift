public import WeftCore
public import WeftDiffusion

/// A `MODEL` flowing between nodes: a loaded UNet as a denoiser on its noise schedule, shared by every prompt
/// using it.
public struct ModelValue: CustomValue {
    /// The shared denoiser.
    public var denoiser: SharedModel<EpsilonDenoiser>

    /// Wraps a loaded denoiser.
    public init(_ denoiser: SharedModel<EpsilonDenoiser>) {
        self.denoiser = denoiser
    }

    /// `"MODEL"`.
    public var typeName: String { "MODEL" }
    /// `MODEL v1-5.safetensors (unet)`.
    public var summary: String { "MODEL \(denoiser.source)" }
    /// The UNet's weights.
    public var byteCount: Int { denoiser.byteCount }
}

/// A `VAE` flowing between nodes: a loaded autoencoder, shared by every prompt using it.
public struct VAEValue: CustomValue {
    /// The shared autoencoder.
    public var vae: SharedModel<AutoencoderKL>

    /// Wraps a loaded autoencoder.
    public init(_ vae: SharedModel<AutoencoderKL>) {
        self.vae = vae
    }

    /// `"VAE"`.
    public var typeName: String { "VAE" }
    /// `VAE v1-5.safetensors (vae)`.
    public var summary: String { "VAE \(vae.source)" }
    /// The VAE's weights.
    public var byteCount: Int { vae.byteCount }
}
