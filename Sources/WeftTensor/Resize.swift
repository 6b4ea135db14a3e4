/// Resizes every image of `x`, a `[B, C, H, W]` batch, to `height × width` with `method`, giving the values of
/// `torch.nn.functional.interpolate(x, size: (height, width), mode: method)` (align_corners=False, no antialiasing) up to
/// float rounding order (within 1e-5 for values in 0…1), or for `.lanczos` the bytes of Pillow's Lanczos resize as
/// ComfyUI runs it. The result is `[B, C, height, width]`.
///
/// Output rows are split across every core, so this must not run at the same time as a BLAS call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` naming the operation and the input shape when `x` is not rank 4, its images
///   are empty (H or W is 0), the target is smaller than 1 × 1, or an input or output plane would exceed 2^31
///   elements or the result 2^32 elements.
public func resize(_ x: Tensor, height: Int, width: Int, method: UpscaleMethod) throws(TensorError) -> Tensor {
    try ResizeRegion(x, channelsLast: false, height: height, width: width, operation: "resize").resampled(method)
}

/// ComfyUI's `common_upscale` on a `[B, C, H, W]` batch (a LATENT's samples, or images moved channels-first): with
/// `crop: .center`, each image is first cut to the target's aspect ratio by ComfyUI's rule (see `CropMode`), then
/// resized to `height × width` as `resize(_:height:width:method:)` does. The result is `[B, C, height, width]`.
///
/// Output rows are split across every core, so this must not run at the same time as a BLAS call (see `BLASThreads`).
/// - Throws: `TensorError.invalidShapes` in the cases `resize` throws, and when the centre crop leaves no pixels.
public func upscale(_ x: Tensor, height: Int, width: Int, method: UpscaleMethod, crop: CropMode) throws(TensorError) -> Tensor {
    try ResizeRegion(x, channelsLast: false, height: height, width: width, operation: "upscale").cropped(crop).resampled(method)
}

/// `upscale(_:height:width:method:crop:)` for channels-last images, `[B, H, W, C]` (ComfyUI's IMAGE layout), as the
/// ImageScale node runs it: the result is `[B, height, width, C]`, equal to moving the channels first, upscaling and
/// moving them back, without either copy (the kernels read and write the channels-last layout directly).
/// - Throws: `TensorError.invalidShapes` in the cases `upscale` throws.
public func upscale(channelsLast images: Tensor, height: Int, width: Int, method: UpscaleMethod, crop: CropMode) throws(TensorError)
    -> Tensor
{
    try ResizeRegion(images, channelsLast: true, height: height, width: width, operation: "upscale(channelsLast:)").cropped(crop)
        .resampled(method)
}
