import CImageCodecs

/// Decodes PNG, JPEG and WebP files into ``RasterImage``s. Decoding is synchronous and CPU-bound: call it off the
/// cooperative thread pool.
public enum ImageDecoder {
    /// The widest or tallest image accepted, whatever `maxPixels` says.
    public static let maxDimension = 65535

    /// Decodes PNG (1–16-bit gray, gray+alpha, RGB, RGBA or palette, interlaced or not; tRNS becomes alpha, 16-bit
    /// samples keep their high byte as Pillow does), JPEG (always to RGB; CMYK is converted) or WebP (RGBA when it
    /// has alpha, else RGB). Only the header is read before the size is checked, so an oversized or truncated file
    /// is refused before the pixel buffer is allocated.
    /// - Parameters:
    ///   - bytes: the whole file; its format is found from its magic number.
    ///   - maxPixels: the largest `width * height` accepted (default 16384 × 16384).
    /// - Returns: gray (1), gray+alpha (2), RGB (3) or RGBA (4) pixels, as the file holds them.
    /// - Throws: ``ImageCodecError``: `unrecognizedFormat`, `tooLarge` (over `maxPixels`, or wider or taller than
    ///   ``maxDimension``), `truncatedData`, `corruptData` (with the codec library's message), `unsupported`
    ///   (animated WebP …) or `outOfMemory`.
    public static func decode(_ bytes: [UInt8], maxPixels: Int = 16384 * 16384) throws(ImageCodecError) -> RasterImage {
        guard let format = ImageFormat.sniff(bytes) else {
            throw ImageCodecError(
                .unrecognizedFormat, operation: "decode an image", message: "the \(bytes.count) bytes are not PNG, JPEG or WebP data")
        }
        let functions = DecoderFunctions(format)
        let operation = "decode \(format.name)"
        var info = wic_image_info()
        try CodecCall.check(operation) { functions.readInfo(bytes, bytes.count, &info, $0, $1) }
        let width = Int(info.width)
        let height = Int(info.height)
        let channels = Int(info.channels)
        guard width > 0, height > 0 else {
            throw ImageCodecError(.corruptData, operation: operation, message: "the header gives a \(width) x \(height) image")
        }
        guard width <= maxDimension, height <= maxDimension else {
            throw ImageCodecError(
                .tooLarge, operation: operation,
                message: "a \(width) x \(height) image is wider or taller than \(maxDimension) pixels")
        }
        guard width * height <= maxPixels else {
            throw ImageCodecError(
                .tooLarge, operation: operation,
                message: "a \(width) x \(height) image has more than the \(maxPixels) pixels allowed")
        }
        guard UInt64(bytes.count) >= info.minimum_data_size else {
            throw ImageCodecError(
                .truncatedData, operation: operation,
                message: "\(bytes.count) bytes cannot hold a \(width) x \(height) image; the data is truncated or corrupt")
        }
        let count = width * height * channels
        var failure: CodecCall.Failure?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failure = CodecCall.run { functions.decode(bytes, bytes.count, buffer.baseAddress, count, $0, $1) }
            initialized = failure == nil ? count : 0
        }
        if let failure {
            throw failure.error(operation)
        }
        return RasterImage(unchecked: width, height: height, channels: channels, pixels: pixels)
    }
}

/// The CImageCodecs header and decode functions for one format.
private struct DecoderFunctions {
    typealias ReadInfo =
        @convention(c) (
            UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<wic_image_info>?, UnsafeMutablePointer<CChar>?, Int
        ) -> Int32
    typealias Decode =
        @convention(c) (
            UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<CChar>?, Int
        ) -> Int32

    let readInfo: ReadInfo
    let decode: Decode

    init(_ format: ImageFormat) {
        switch format {
        case .png: (readInfo, decode) = (wic_png_read_info, wic_png_decode)
        case .jpeg: (readInfo, decode) = (wic_jpeg_read_info, wic_jpeg_decode)
        case .webp: (readInfo, decode) = (wic_webp_read_info, wic_webp_decode)
        }
    }
}
