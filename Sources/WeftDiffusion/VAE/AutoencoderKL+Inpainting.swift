public import WeftTensor

extension AutoencoderKL {
    /// ComfyUI's `VAEEncodeForInpaint`: `mask` (`[B, H, W]` or `[H, W]`, 1 = repaint, any size) is resized bilinearly to
    /// the image, both are centre-cropped as for encoding, the image's pixels under the rounded mask are set to grey
    /// (0.5) before encoding, and the returned noise mask is the rounded mask grown by `growMaskBy` pixels (a box of
    /// ones of that size, clamped to 1) so the repainted region blends in. Returns the latent mean and the
    /// `[B, 1, H', W']` noise mask.
    /// - Throws: `TensorError` when the image or mask has the wrong rank or the image is too small.
    public func encodeForInpainting(_ image: Tensor, mask: Tensor, growMaskBy: Int) throws(TensorError) -> (latent: Tensor, noiseMask: Tensor) {
        guard image.rank == 4, (2...3).contains(mask.rank), mask.count > 0 else {
            throw .invalidShapes(
                operation: "VAEEncodeForInpaint", shapes: [image.shape, mask.shape], reason: "expected an image [B, H, W, C] and a mask [B, H, W]")
        }
        let (height, width) = (image.shape[1], image.shape[2])
        let (maskHeight, maskWidth) = (mask.shape[mask.rank - 2], mask.shape[mask.rank - 1])
        let planes = try mask.reshaped([mask.count / (maskHeight * maskWidth), 1, maskHeight, maskWidth])
        let resized = try resize(planes, height: height, width: width, method: .bilinear)
        let croppedMask = try croppedForEncoding(resized.permuted([0, 2, 3, 1])).permuted([0, 3, 1, 2])
        let rounded = try Tensor(shape: croppedMask.shape, values: croppedMask.scalars.map { $0.rounded(.toNearestOrEven) })
        let pixels = try croppedForEncoding(image)
        let keep = try (1 - rounded).permuted([0, 2, 3, 1])
        let neutral = try (pixels - 0.5) * keep + 0.5
        let latent = try encode(neutral)
        return (latent, try grown(rounded, by: growMaskBy))
    }

    /// `mask` (`[B, 1, H, W]`, 0 or 1) dilated by a `size × size` box (ComfyUI's ones-kernel convolution with padding
    /// ⌈(size − 1) / 2⌉, clamped to 1 and cut back to H × W), or unchanged for size 0.
    private func grown(_ mask: Tensor, by size: Int) throws(TensorError) -> Tensor {
        guard size > 0 else { return mask }
        let padding = size / 2
        let kernel = Tensor(shape: [1, 1, size, size], repeating: 1)
        let spread = try conv2d(mask, weight: kernel, bias: nil, padding: (padding, padding))
        let cut = try spread.narrowed(dimension: 2, start: 0, length: mask.shape[2]).narrowed(dimension: 3, start: 0, length: mask.shape[3])
        return try Tensor(shape: cut.shape, values: cut.scalars.map { min(max($0, 0), 1).rounded(.toNearestOrEven) })
    }
}
