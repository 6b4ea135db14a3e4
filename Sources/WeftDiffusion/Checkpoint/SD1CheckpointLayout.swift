/// The architecture numbers of a whole SD1.x checkpoint in the LDM layout (UNet, text encoder and VAE under their
/// `model.diffusion_model.`, `cond_stage_model.transformer.text_model.` and `first_stage_model.` prefixes), from which
/// every tensor's key and shape follow: for synthesising full-size checkpoints and for cost estimates.
public struct SD1CheckpointLayout: Equatable, Sendable {
    /// The denoising UNet.
    public var unet: SD1UNetLayout
    /// The CLIP text encoder.
    public var textEncoder: SD1TextEncoderLayout
    /// The VAE.
    public var autoencoder: SD1AutoencoderLayout

    /// A checkpoint made of these three components.
    public init(unet: SD1UNetLayout, textEncoder: SD1TextEncoderLayout, autoencoder: SD1AutoencoderLayout) {
        self.unet = unet
        self.textEncoder = textEncoder
        self.autoencoder = autoencoder
    }

    /// Stable Diffusion 1.5 (about 1.066 G parameters: UNet 859.5 M, text encoder 123.1 M, VAE 83.7 M).
    public static let sd15 = SD1CheckpointLayout(unet: .sd15, textEncoder: .sd15, autoencoder: .sd15)

    /// Every tensor with its full key and shape: the UNet's, then the text encoder's, then the VAE's, each sorted by
    /// key, exactly the set of tensors an SD1.x checkpoint holds.
    public func tensors() -> [CheckpointTensorSpec] {
        unet.tensors() + textEncoder.tensors() + autoencoder.tensors()
    }
}
