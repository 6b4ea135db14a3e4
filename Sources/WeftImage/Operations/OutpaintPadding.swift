public import WeftTensor

/// ComfyUI's ImagePadForOutpaint: the image placed on a larger mid-grey (0.5) canvas, and a mask that is 1 over the
/// added border, 0 over the image, and rises quadratically towards 1 within `feathering` pixels of each padded edge.
public enum OutpaintPadding {
    /// The padded IMAGE `[B, H + top + bottom, W + left + right, C]` and its MASK `[1, H + top + bottom, W + left + right]`.
    ///
    /// Feathering applies only when `2 × feathering` is less than both the image's height and width (ComfyUI's
    /// rule); an edge without padding is not feathered. Inside the image, at distance `d` from the nearest padded
    /// edge, the mask is `((feathering − d) / feathering)²` when `d < feathering`.
    /// - Throws: `TensorError.invalidShapes` when `images` is not a non-empty `[B, H, W, C]` batch or an amount is
    ///   negative.
    public static func pad(
        _ images: Tensor, left: Int, top: Int, right: Int, bottom: Int, feathering: Int
    ) throws(TensorError) -> (image: Tensor, mask: Tensor) {
        let shape = images.shape
        guard shape.count == 4, shape[1] > 0, shape[2] > 0 else {
            throw .invalidShapes(
                operation: "ImagePadForOutpaint", shapes: [shape], reason: "expected a [batch, height, width, channels] image with pixels")
        }
        guard left >= 0, top >= 0, right >= 0, bottom >= 0, feathering >= 0 else {
            throw .invalidShapes(operation: "ImagePadForOutpaint", shapes: [shape], reason: "padding and feathering must be ≥ 0")
        }
        let (height, width) = (shape[1], shape[2])
        let image = try images.padded([(0, 0), (top, bottom), (left, right), (0, 0)], mode: .constant(0.5))
        var mask = Tensor(shape: [1, height + top + bottom, width + left + right], repeating: 1)
        let feathers = feathering > 0 && feathering * 2 < height && feathering * 2 < width
        mask.withUnsafeMutableBufferPointer { values in
            let canvasWidth = width + left + right
            for row in 0..<height {
                for column in 0..<width {
                    var value: Float = 0
                    if feathers {
                        let nearest = min(
                            top != 0 ? row : height, bottom != 0 ? height - row : height,
                            left != 0 ? column : width, right != 0 ? width - column : width)
                        if nearest < feathering {
                            // In double, then rounded once, as Python computes it before storing into float32.
                            let fraction = Double(feathering - nearest) / Double(feathering)
                            value = Float(fraction * fraction)
                        }
                    }
                    values[(row + top) * canvasWidth + column + left] = value
                }
            }
        }
        return (image, mask)
    }
}
