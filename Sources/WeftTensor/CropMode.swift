/// Whether `upscale` crops each image to the target's aspect ratio before resizing. The raw values are the `crop` names
/// of ComfyUI's ImageScale and LatentUpscale nodes.
public enum CropMode: String, CaseIterable, Sendable {
    /// Resize the whole image; its aspect ratio changes when the target's differs.
    case disabled
    /// Cut the same amount from both ends of the relatively longer axis, ComfyUI's amount, so the aspect ratio
    /// matches the target's, then resize.
    case center
}
