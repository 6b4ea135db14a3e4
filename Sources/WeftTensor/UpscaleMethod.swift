/// How `resize` and `upscale` compute the new pixels. The raw values are the `upscale_method` names of ComfyUI's
/// ImageScale, ImageScaleBy and LatentUpscale nodes, and each method gives the values ComfyUI's `common_upscale` gives.
public enum UpscaleMethod: String, CaseIterable, Sendable {
    /// Each output pixel copies the input pixel at `min(floor((o + 0.5) · in / out), in − 1)` on each axis (PyTorch's
    /// `nearest-exact`).
    case nearestExact = "nearest-exact"
    /// Linear interpolation between the two nearest input pixels on each axis (PyTorch's `bilinear`,
    /// `align_corners=False`, no antialiasing: shrinking by more than 2× skips pixels).
    case bilinear
    /// The mean of the input pixels each output pixel covers (PyTorch's `area`, adaptive average pooling): the method
    /// for shrinking.
    case area
    /// Cubic convolution with A = −0.75 over 4 × 4 input pixels, indices clamped at the border (PyTorch's `bicubic`,
    /// `align_corners=False`, no antialiasing). Results are not clamped, so they may overshoot 0…1 near edges.
    case bicubic
    /// Pillow's Lanczos-3 resize of 8-bit pixels, as ComfyUI runs it: values are clamped to 0…1 and truncated to
    /// bytes, resampled (colours premultiplied by the last channel, alpha, when there are 2 or 4 channels and the size
    /// changes), and returned as multiples of 1/255.
    case lanczos
}
