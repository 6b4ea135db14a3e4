public import WeftTensor

/// ComfyUI's ImageCrop on an IMAGE `[B, H, W, C]`: the region `width × height` at (`x`, `y`), where `x` and `y` are
/// first pulled inside the image (to at most W − 1 and H − 1) and the region is cut off at the image's edges, as
/// Python slicing does, so the result may be smaller than asked but never empty.
public enum ImageCropping {
    /// The cropped batch.
    /// - Throws: `TensorError.invalidShapes` when `images` is not a non-empty `[B, H, W, C]` batch or a size or
    ///   position is negative.
    public static func crop(_ images: Tensor, x: Int, y: Int, width: Int, height: Int) throws(TensorError) -> Tensor {
        let shape = images.shape
        guard shape.count == 4, shape[1] > 0, shape[2] > 0 else {
            throw .invalidShapes(operation: "ImageCrop", shapes: [shape], reason: "expected a [batch, height, width, channels] image with pixels")
        }
        guard x >= 0, y >= 0, width >= 1, height >= 1 else {
            throw .invalidShapes(
                operation: "ImageCrop", shapes: [shape], reason: "x \(x), y \(y) must be ≥ 0 and width \(width), height \(height) ≥ 1")
        }
        let left = min(x, shape[2] - 1)
        let top = min(y, shape[1] - 1)
        let keptWidth = min(width, shape[2] - left)
        let keptHeight = min(height, shape[1] - top)
        return try images.view.narrowed(dimension: 1, start: top, length: keptHeight)
            .narrowed(dimension: 2, start: left, length: keptWidth).contiguous()
    }
}
