import WeftCore
import WeftTensor

/// What the latent nodes share: ComfyUI's resolution limit, an allocation bound, and the latent resize.
enum LatentSizing {
    /// ComfyUI's `MAX_RESOLUTION` in pixels.
    static let maxResolution = 16384
    /// The most elements a latent node allocates (2³¹, 8 GiB of Float32).
    static let maxElements = 1 << 31

    /// The latent resize methods, in ComfyUI's order (its `bislerp` is not offered).
    static let methodInput = InputSpec.combo("upscale_method", ["nearest-exact", "bilinear", "area", "bicubic"])

    /// Refuses a latent of `shape` larger than `maxElements`, naming `input`.
    static func checkAllocation(_ shape: [Int], input: String) throws {
        let (elements, overflow) = shape.reduce((1, false)) { partial, side in
            let product = partial.0.multipliedReportingOverflow(by: side)
            return (product.partialValue, partial.1 || product.overflow)
        }
        guard !overflow, elements <= maxElements else {
            throw DiffusionNodeError.invalidSetting(input: input, reason: "a latent of shape \(shape) is larger than \(maxElements) values")
        }
    }

    /// The `upscale_method` input as a method.
    static func method(_ inputs: NodeInputs) throws -> UpscaleMethod {
        let name = try inputs.string("upscale_method")
        guard let method = UpscaleMethod(rawValue: name), method != .lanczos else {
            throw DiffusionNodeError.invalidSetting(input: "upscale_method", reason: "'\(name)' is not one of nearest-exact, bilinear, area, bicubic")
        }
        return method
    }

    /// `latent` with its samples resized to `width × height` latent cells (ComfyUI's `common_upscale`); the noise mask
    /// and batch indices are kept as they are, as ComfyUI keeps them.
    static func resized(_ latent: LatentValue, width: Int, height: Int, method: UpscaleMethod, crop: CropMode) async throws -> LatentValue {
        guard width >= 1, height >= 1 else {
            throw DiffusionNodeError.invalidSetting(input: "width", reason: "cannot scale a latent to \(width) x \(height) cells")
        }
        try checkAllocation(Array(latent.samples.shape.prefix(2)) + [height, width], input: "width")
        var result = latent
        result.samples = try await TensorCompute.run { () throws(TensorError) -> Tensor in
            try upscale(latent.samples, height: height, width: width, method: method, crop: crop)
        }
        return result
    }
}
