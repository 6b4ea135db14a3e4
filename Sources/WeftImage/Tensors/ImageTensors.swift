import CImageCodecs
public import WeftTensor

/// Conversions between decoded 8-bit rasters and the tensors image nodes pass around, with ComfyUI's arithmetic so
/// pixel values match it exactly:
/// - IMAGE is Float32 `[B, H, W, C]` in 0...1 (C = 3 for loaded images), each sample `byte / 255`.
/// - MASK is Float32 `[B, H, W]`; from an alpha channel it is `1 - alpha / 255` (opaque = 0, transparent = 1).
/// - Saving turns `255 * value` into a byte by clipping to 0...255 and truncating, as NumPy's `astype(uint8)` does.
public enum ImageTensors {
    /// IMAGE `[1, H, W, 3]` of a raster: gray is copied to R, G and B, and alpha is dropped.
    public static func image(from raster: RasterImage) -> Tensor {
        let rgbSource = raster.channels >= 3 ? raster : raster.rgb()
        var tensor = Tensor.zeros([1, raster.height, raster.width, 3])
        tensor.withUnsafeMutableBufferPointer { target in
            rgbSource.pixels.withUnsafeBufferPointer { source in
                wic_bytes_to_unit_floats(
                    source.baseAddress, rgbSource.channels, target.baseAddress, 3, 3, raster.width * raster.height, 0)
            }
        }
        return tensor
    }

    /// MASK `[1, H, W]` from the raster's alpha channel, `1 - alpha / 255` (ComfyUI's LoadImage); nil when the
    /// raster has no alpha.
    public static func mask(fromAlphaOf raster: RasterImage) -> Tensor? {
        guard raster.hasAlpha else { return nil }
        return mask(from: raster, channel: .alpha)
    }

    /// MASK `[1, H, W]` from one channel of the raster seen as RGBA (ComfyUI's LoadImageMask): `value / 255`, or
    /// `1 - value / 255` for alpha. Gray counts as R = G = B; a raster without alpha is opaque, so its alpha mask is 0.
    public static func mask(from raster: RasterImage, channel: ColorChannel) -> Tensor {
        let rgba = raster.channels == 4 ? raster : raster.rgba()
        var tensor = Tensor.zeros([1, raster.height, raster.width])
        tensor.withUnsafeMutableBufferPointer { target in
            rgba.pixels.withUnsafeBufferPointer { source in
                wic_bytes_to_unit_floats(
                    source.baseAddress! + channel.index, 4, target.baseAddress, 1, 1, raster.width * raster.height,
                    channel == .alpha ? 1 : 0)
            }
        }
        return tensor
    }

    /// The 8-bit raster of item `index` of an IMAGE `[B, H, W, C]` (C = 1, 3 or 4: gray, RGB or RGBA), as ComfyUI
    /// saves it.
    /// - Throws: `TensorError` when the tensor is not such a batch, is empty, or `index` is outside it.
    public static func raster(fromImage tensor: Tensor, at index: Int) throws(TensorError) -> RasterImage {
        let operation = "convert an IMAGE to 8-bit pixels"
        let shape = tensor.shape
        guard shape.count == 4, [1, 3, 4].contains(shape[3]) else {
            throw .invalidShapes(operation: operation, shapes: [shape], reason: "an IMAGE is [batch, height, width, 1, 3 or 4 channels]")
        }
        guard shape[1] > 0, shape[2] > 0 else {
            throw .invalidShapes(operation: operation, shapes: [shape], reason: "the image has no pixels")
        }
        guard (0..<shape[0]).contains(index) else {
            throw .invalidShapes(operation: operation, shapes: [shape], reason: "image \(index) is outside the batch of \(shape[0])")
        }
        let (height, width, channels) = (shape[1], shape[2], shape[3])
        let samples = height * width * channels
        let pixels = [UInt8](unsafeUninitializedCapacity: samples) { bytes, initialized in
            tensor.withUnsafeBufferPointer { source in
                wic_unit_floats_to_bytes(source.baseAddress! + index * samples, channels, bytes.baseAddress, channels, channels, height * width)
            }
            initialized = samples
        }
        return RasterImage(unchecked: width, height: height, channels: channels, pixels: pixels)
    }
}
