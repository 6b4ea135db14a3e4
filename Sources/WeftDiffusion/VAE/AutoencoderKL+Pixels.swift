public import WeftTensor

extension AutoencoderKL {
    /// `image` (`[B, H, W, C]`) centre-cropped so that height and width are multiples of `config.scaleFactor` (8), as
    /// ComfyUI crops before encoding (`vae_encode_crop_pixels`): each side keeps `⌊side / 8⌋ · 8` pixels starting at
    /// `(side mod 8) / 2`, so 68 × 76 keeps rows 2 ..< 66 and columns 2 ..< 74. Returned unchanged when it fits.
    /// - Throws: `TensorError.invalidShapes` when `image` is not 4-D or a side is below 8 pixels.
    public func croppedForEncoding(_ image: Tensor) throws(TensorError) -> Tensor {
        try croppedView(image, operation: "AutoencoderKL.croppedForEncoding").contiguous()
    }

    /// The encoder's input for `image` (`[B, H, W, C ≥ 3]` in 0…1): cropped, its first `imageChannels` channels moved
    /// first (`[B, 3, H', W']`) in one copy, then mapped to −1…1 by `x · 2 − 1`.
    /// - Throws: `TensorError.invalidShapes` naming `operation` when the image does not fit (see `encode`).
    func modelInput(_ image: Tensor, operation: String) throws(TensorError) -> Tensor {
        guard image.rank == 4, image.shape[0] >= 1, image.shape[3] >= config.imageChannels else {
            throw .invalidShapes(
                operation: operation, shapes: [image.shape],
                reason: "expected a batch of images [B ≥ 1, H, W, C] with at least \(config.imageChannels) channels")
        }
        let colours = try croppedView(image, operation: operation).narrowed(dimension: 3, start: 0, length: config.imageChannels)
        return try colours.permuted([0, 3, 1, 2]).contiguous() * 2 - 1
    }

    /// The decoder's output `x` (`[B, 3, H, W]`) as an IMAGE, `[B, H, W, 3]` with `clamp((x + 1) / 2, 0, 1)`.
    func pixelImage(_ decoded: Tensor) throws(TensorError) -> Tensor {
        try clamp((decoded + 1) / 2, min: 0, max: 1).permuted([0, 2, 3, 1])
    }

    /// Checks that `latent` is `[B, latentChannels, h, w]` with every size at least 1.
    func checkLatent(_ latent: Tensor, operation: String) throws(TensorError) {
        guard latent.rank == 4, latent.shape[1] == config.latentChannels, latent.shape.allSatisfy({ $0 >= 1 }) else {
            throw .invalidShapes(
                operation: operation, shapes: [latent.shape],
                reason: "expected a latent [B, \(config.latentChannels), h, w] with every size at least 1")
        }
    }

    /// `body` applied to each batch entry of `x` (kept 4-D, `[1, ...]`) on its own, the results joined along the batch.
    func eachImage(of x: Tensor, _ body: (Tensor) throws(TensorError) -> Tensor) throws(TensorError) -> Tensor {
        guard x.shape[0] > 1 else { return try body(x) }
        var results: [Tensor] = []
        for index in 0..<x.shape[0] {
            results.append(try body(x.narrowed(dimension: 0, start: index, length: 1)))
        }
        return try concat(results, dimension: 0)
    }

    /// A view of `image` centre-cropped to multiples of the scale factor (see `croppedForEncoding`).
    private func croppedView(_ image: Tensor, operation: String) throws(TensorError) -> TensorView {
        let factor = config.scaleFactor
        guard image.rank == 4, image.shape[1] >= factor, image.shape[2] >= factor else {
            throw .invalidShapes(
                operation: operation, shapes: [image.shape],
                reason: "expected an image [B, H, W, C] at least \(factor) × \(factor) pixels")
        }
        var view = image.view
        for dimension in 1...2 {
            let size = image.shape[dimension]
            view = try view.narrowed(dimension: dimension, start: size % factor / 2, length: size / factor * factor)
        }
        return view
    }
}
