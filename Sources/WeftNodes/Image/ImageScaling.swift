import WeftCore
import WeftTensor

/// What ComfyUI's image-scaling nodes share: their method list, resolution limit and the resize itself.
enum ImageScaling {
    /// ComfyUI's `MAX_RESOLUTION`, the largest width or height a node accepts.
    static let maxResolution = 16384

    /// The `upscale_method` combo, in ComfyUI's order.
    static let methodInput = InputSpec.combo("upscale_method", ["nearest-exact", "bilinear", "area", "bicubic", "lanczos"])

    /// The `upscale_method` input as a method.
    static func method(_ inputs: NodeInputs) throws -> UpscaleMethod {
        let name = try inputs.string("upscale_method")
        guard let method = UpscaleMethod(rawValue: name) else {
            throw ImageNodeError.invalidSize("upscale_method '\(name)' is not one of nearest-exact, bilinear, area, bicubic, lanczos")
        }
        return method
    }

    /// The images resized to `width × height` on the tensor thread (ComfyUI's `common_upscale`).
    static func resized(_ images: Tensor, width: Int, height: Int, method: UpscaleMethod, crop: CropMode) async throws -> Tensor {
        guard width >= 1, height >= 1, width <= maxResolution, height <= maxResolution else {
            throw ImageNodeError.invalidSize("cannot scale to \(width) x \(height): each side must be 1...\(maxResolution)")
        }
        return try await TensorCompute.run { () throws(TensorError) -> Tensor in
            try upscale(channelsLast: images, height: height, width: width, method: method, crop: crop)
        }
    }
}
