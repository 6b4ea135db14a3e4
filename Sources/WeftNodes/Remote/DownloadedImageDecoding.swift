import WeftImage
import WeftTensor

/// Encoded images fetched from a remote service or URL, decoded into IMAGE and MASK tensors the way LoadImage
/// decodes files: EXIF orientation applied, alpha as the mask (`1 − alpha`).
enum DownloadedImageDecoding {
    /// The image `[1, H, W, 3]` and its alpha mask `[1, H, W]` (a 64 × 64 zero mask without alpha); `source` (a URL)
    /// names the image in errors.
    static func imageAndMask(_ bytes: [UInt8], source: String) async throws -> (image: Tensor, mask: Tensor) {
        try await TensorCompute.run { () throws -> (Tensor, Tensor) in
            let raster = try decode(bytes, source: source)
            return InputImageFiles.imageAndMask(of: raster)
        }
    }

    /// The images as one batch `[N, H, W, 3]`, later ones resized to the first's size if they differ.
    static func batch(_ images: [(bytes: [UInt8], source: String)]) async throws -> Tensor {
        try await TensorCompute.run { () throws -> Tensor in
            var batch: Tensor?
            for (bytes, source) in images {
                let image = ImageTensors.image(from: try decode(bytes, source: source))
                batch = try batch.map { try ImageBatching.join($0, image) } ?? image
            }
            guard let batch else { throw RemoteNodeError.noImages }
            return batch
        }
    }

    private static func decode(_ bytes: [UInt8], source: String) throws -> RasterImage {
        do {
            return try InputImageFiles.decodeUpright(bytes)
        } catch {
            throw RemoteNodeError.undecodableImage(source: source, reason: String(describing: error))
        }
    }
}
