/// The model families a checkpoint's keys and shapes can reveal. Weft runs `.sd1`; the others are recognised so that
/// loading one fails with an error that says what the file is.
public enum ModelFamily: String, Equatable, Sendable {
    /// Stable Diffusion 1.x: an LDM UNet whose cross-attention width equals a CLIP ViT-L-style text encoder's
    /// (`cond_stage_model.transformer.text_model.`).
    case sd1 = "SD1.x"
    /// Stable Diffusion 2.x: an OpenCLIP text encoder (`cond_stage_model.model.`).
    case sd2 = "SD2.x"
    /// Stable Diffusion XL (base): two text encoders under `conditioner.embedders.` and a UNet with `label_emb`.
    case sdxl = "SDXL"
    /// Stable Diffusion 3: an MMDiT (`joint_blocks`).
    case sd3 = "SD3"
    /// Flux: a rectified-flow transformer (`double_blocks`).
    case flux = "Flux"
    /// Nothing Weft recognises.
    case unknown = "unknown"
}
