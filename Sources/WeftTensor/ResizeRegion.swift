/// A checked resize: a batch of images stored channels-first (`[B, C, H, W]`) or channels-last (`[B, H, W, C]`), the
/// window of every image that is read (all of it, or a centre crop), and the size the window is resampled to.
struct ResizeRegion {
    /// The most elements one image plane, read or written, may hold: 2^31.
    static let planeLimit = 1 << 31
    /// The most elements a result may hold: 2^32 (16 GiB of floats).
    static let elementLimit = 1 << 32

    /// The images.
    let tensor: Tensor
    /// Whether `tensor` is `[B, H, W, C]` rather than `[B, C, H, W]`.
    let channelsLast: Bool
    /// The operation named in errors.
    let operation: String
    /// Images, channels, and the stored height and width of each image.
    let batch: Int, channels: Int, height: Int, width: Int
    /// Height and width of the result.
    let targetHeight: Int, targetWidth: Int
    /// The window read from each image: rows `top ..< top + windowHeight`, columns `left ..< left + windowWidth`.
    private(set) var top = 0, left = 0, windowHeight: Int, windowWidth: Int

    /// Checks that `tensor` is a rank-4 batch of non-empty images and that the `targetHeight × targetWidth` result is
    /// at least 1 × 1 and within `planeLimit` and `elementLimit`; the window is the whole image.
    init(_ tensor: Tensor, channelsLast: Bool, height targetHeight: Int, width targetWidth: Int, operation: String) throws(TensorError) {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: operation, shapes: [tensor.shape], reason: reason)
        }
        guard tensor.rank == 4 else {
            throw failure("input must be \(channelsLast ? "[B, H, W, C]" : "[B, C, H, W]")")
        }
        let shape = tensor.shape
        (batch, channels) = channelsLast ? (shape[0], shape[3]) : (shape[0], shape[1])
        (height, width) = channelsLast ? (shape[1], shape[2]) : (shape[2], shape[3])
        guard height >= 1, width >= 1 else {
            throw failure("input images are \(height)×\(width) (height × width), and resizing needs at least one pixel")
        }
        guard targetHeight >= 1, targetWidth >= 1 else {
            throw failure("target size \(targetHeight)×\(targetWidth) (height × width) must be at least 1×1")
        }
        let (plane, planeOverflow) = targetHeight.multipliedReportingOverflow(by: targetWidth)
        guard !planeOverflow, plane <= Self.planeLimit, height * width <= Self.planeLimit else {
            throw failure("target size \(targetHeight)×\(targetWidth) or input size \(height)×\(width) exceeds 2^31 elements per image plane")
        }
        let (elements, elementsOverflow) = plane.multipliedReportingOverflow(by: batch * channels)
        guard !elementsOverflow, elements <= Self.elementLimit else {
            throw failure("a result of \(batch) × \(channels) planes of \(targetHeight)×\(targetWidth) exceeds 2^32 elements")
        }
        self.tensor = tensor
        self.channelsLast = channelsLast
        self.operation = operation
        self.targetHeight = targetHeight
        self.targetWidth = targetWidth
        windowHeight = height
        windowWidth = width
    }

    /// This region with its window cut to the target's aspect ratio when `mode` is `.center`, as ComfyUI's
    /// `common_upscale` does: when the image is relatively wider, `x = round((W − W · (targetAspect / aspect)) / 2)`
    /// columns go from each side (`round` ties to even, like Python's); when relatively taller, rows likewise.
    /// - Throws: `TensorError.invalidShapes` when the cut leaves no pixels (a very thin target).
    func cropped(_ mode: CropMode) throws(TensorError) -> ResizeRegion {
        guard mode == .center else { return self }
        let aspect = Double(width) / Double(height)
        let targetAspect = Double(targetWidth) / Double(targetHeight)
        var result = self
        if aspect > targetAspect {
            result.left = Int(((Double(width) - Double(width) * (targetAspect / aspect)) / 2).rounded(.toNearestOrEven))
            result.windowWidth = width - 2 * result.left
        } else if aspect < targetAspect {
            result.top = Int(((Double(height) - Double(height) * (aspect / targetAspect)) / 2).rounded(.toNearestOrEven))
            result.windowHeight = height - 2 * result.top
        }
        guard result.windowWidth >= 1, result.windowHeight >= 1 else {
            throw .invalidShapes(
                operation: operation, shapes: [tensor.shape],
                reason: "a centre crop to the aspect ratio of \(targetHeight)×\(targetWidth) (height × width) leaves no pixels")
        }
        return result
    }

    /// The shape of the result, in the input's layout.
    var outputShape: [Int] {
        channelsLast ? [batch, targetHeight, targetWidth, channels] : [batch, channels, targetHeight, targetWidth]
    }
}
