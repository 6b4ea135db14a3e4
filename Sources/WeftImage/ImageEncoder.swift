import CImageCodecs

/// Encodes ``RasterImage``s as PNG, JPEG or WebP. Encoding is synchronous and CPU-bound: call it off the
/// cooperative thread pool.
public enum ImageEncoder {
    /// Encodes a PNG of the image's own channel layout (gray, gray+alpha, RGB or RGBA, 8-bit, not interlaced), with
    /// `text` written before the image data in the given order: as tEXt when the value is Latin-1 (as ComfyUI writes
    /// `prompt` and `workflow`), else as uncompressed UTF-8 iTXt.
    /// - Parameters:
    ///   - compressionLevel: zlib level, 0 (none) to 9 (smallest); ComfyUI uses 4.
    /// - Throws: ``ImageCodecError`` (`invalidArgument`) for a level outside 0…9, a key that is not 1–79 printable
    ///   Latin-1 characters, or a value containing NUL.
    public static func png(_ image: RasterImage, text: [PNGTextChunk] = [], compressionLevel: Int = 4) throws(ImageCodecError) -> [UInt8] {
        let operation = "encode PNG"
        guard (0...9).contains(compressionLevel) else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "compression level \(compressionLevel) is outside 0...9")
        }
        try checkDimensions(image, operation: operation)
        // All keys and values, NUL-terminated, in one buffer so that one pointer serves for all of them.
        var storage: [CChar] = []
        var entries: [(key: Int, value: Int, isUTF8: Bool)] = []
        for chunk in text {
            let encoded = try chunk.encodedForPNG()
            let keyOffset = storage.count
            storage.append(contentsOf: encoded.key.map { CChar(bitPattern: $0) })
            storage.append(0)
            let valueOffset = storage.count
            storage.append(contentsOf: encoded.value.map { CChar(bitPattern: $0) })
            storage.append(0)
            entries.append((keyOffset, valueOffset, encoded.isUTF8))
        }
        return try CodecCall.encode(operation) { output, size, message, capacity in
            storage.withUnsafeBufferPointer { strings in
                let texts = entries.map {
                    wic_png_text(key: strings.baseAddress! + $0.key, value: strings.baseAddress! + $0.value, is_utf8: $0.isUTF8 ? 1 : 0)
                }
                return wic_png_encode(
                    image.pixels, UInt32(image.width), UInt32(image.height), UInt32(image.channels), Int32(compressionLevel),
                    texts, texts.count, output, size, message, capacity)
            }
        }
    }

    /// Encodes a baseline JPEG (4:2:0 chroma) at `quality` 1…100. Alpha is dropped without blending; gray stays gray.
    /// - Throws: ``ImageCodecError`` (`invalidArgument`) for a quality outside 1…100 or an image wider or taller
    ///   than JPEG's 65500 pixels.
    public static func jpeg(_ image: RasterImage, quality: Int) throws(ImageCodecError) -> [UInt8] {
        let operation = "encode JPEG"
        guard (1...100).contains(quality) else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "quality \(quality) is outside 1...100")
        }
        try checkDimensions(image, operation: operation)
        let source = image.channels == 2 ? image.droppingAlpha() : image
        return try CodecCall.encode(operation) { output, size, message, capacity in
            wic_jpeg_encode(
                source.pixels, UInt32(source.width), UInt32(source.height), UInt32(source.channels), Int32(quality),
                output, size, message, capacity)
        }
    }

    /// Encodes a lossy WebP at `quality` 0…100. Alpha is kept (losslessly compressed); gray is written as RGB.
    /// - Throws: ``ImageCodecError`` (`invalidArgument`) for a quality outside 0…100 or an image wider or taller
    ///   than WebP's 16383 pixels.
    public static func webp(_ image: RasterImage, quality: Int) throws(ImageCodecError) -> [UInt8] {
        let operation = "encode WebP"
        guard (0...100).contains(quality) else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "quality \(quality) is outside 0...100")
        }
        try checkDimensions(image, operation: operation)
        let source =
            switch image.channels {
            case 1: image.rgb()
            case 2: image.rgba()
            default: image
            }
        return try CodecCall.encode(operation) { output, size, message, capacity in
            wic_webp_encode(
                source.pixels, UInt32(source.width), UInt32(source.height), UInt32(source.channels), Float(quality),
                output, size, message, capacity)
        }
    }

    /// Refuses sizes that do not fit the C interface's 32-bit (PNG: 31-bit) fields.
    private static func checkDimensions(_ image: RasterImage, operation: String) throws(ImageCodecError) {
        guard image.width <= 0x7FFF_FFFF, image.height <= 0x7FFF_FFFF else {
            throw ImageCodecError(.invalidArgument, operation: operation, message: "a \(image.width) x \(image.height) image is too large to encode")
        }
    }
}
