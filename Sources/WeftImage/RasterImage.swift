/// An 8-bit image: `width` × `height` pixels of `channels` interleaved bytes (1 gray, 2 gray+alpha, 3 RGB,
/// 4 RGBA), rows top to bottom, no padding.
///
/// The throwing initialiser checks that `pixels` holds exactly `width * height * channels` bytes, and the
/// properties cannot be changed afterwards, so every image handed to a codec is consistent.
public struct RasterImage: Sendable, Equatable {
    /// Pixels per row (at least 1).
    public internal(set) var width: Int
    /// Rows (at least 1).
    public internal(set) var height: Int
    /// Bytes per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.
    public internal(set) var channels: Int
    /// `width * height * channels` bytes, row after row from the top.
    public internal(set) var pixels: [UInt8]

    /// Makes an image from interleaved 8-bit samples.
    /// - Throws: ``ImageCodecError`` (`invalidArgument`) when a size is not positive, `channels` is not 1…4, or
    ///   `pixels.count` is not `width * height * channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ImageCodecError) {
        let operation = "create an image"
        guard width > 0, height > 0 else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "a \(width) x \(height) image has no pixels")
        }
        guard (1...4).contains(channels) else {
            throw ImageCodecError(
                .invalidArgument, operation: operation,
                message: "\(channels) channels is not 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)")
        }
        let area = width.multipliedReportingOverflow(by: height)
        let count = area.partialValue.multipliedReportingOverflow(by: channels)
        guard !area.overflow, !count.overflow, count.partialValue == pixels.count else {
            throw ImageCodecError(
                .invalidArgument, operation: operation,
                message: "\(pixels.count) bytes do not make a \(width) x \(height) image with \(channels) channels")
        }
        self.init(unchecked: width, height: height, channels: channels, pixels: pixels)
    }

    /// Makes an image whose sizes the caller has already checked.
    init(unchecked width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// True when the image has an alpha channel (2 or 4 channels).
    public var hasAlpha: Bool { channels == 2 || channels == 4 }
}
