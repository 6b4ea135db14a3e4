import WeftTensor

/// One layer of a UNet block (ComfyUI's `TimestepEmbedSequential` children): each kind takes what it needs of the
/// timestep embedding, the context and the size the next skip connection expects.
enum UNetLayer: Sendable {
    /// A plain convolution: the stem, or a stride-2 downsampling.
    case convolution(Conv2DLayer)
    /// A residual block, taking the timestep embedding.
    case residual(ResidualBlock)
    /// A spatial transformer, attending to the context.
    case transformer(SpatialTransformer)
    /// Nearest-neighbour doubling (cropped to the next skip connection's size), then this convolution.
    case upsample(Conv2DLayer)

    /// The layer applied to `x`. `activatedEmbedding` is SiLU of the timestep embedding; `skipSize`, when given, is
    /// the height and width of the skip connection the following block joins.
    func callAsFunction(_ x: Tensor, activatedEmbedding: Tensor, context: Tensor, skipSize: (Int, Int)?) throws(TensorError)
        -> Tensor
    {
        switch self {
        case .convolution(let convolution):
            try convolution(x)
        case .residual(let block):
            try block(x, activatedEmbedding: activatedEmbedding)
        case .transformer(let transformer):
            try transformer(x, context: context)
        case .upsample(let convolution):
            try convolution(nearestDoubled(x, croppedTo: skipSize))
        }
    }
}

/// `x` (`[B, C, H, W]`) enlarged twice by repeating each pixel, as PyTorch's `nearest` interpolation does, and cut to
/// `size` when given. ComfyUI upsamples to the skip connection's size, which is `2H` or `2H − 1` (the stride-2
/// convolution on the way down rounded up); nearest interpolation to `2H − 1` picks the same source pixels as
/// doubling and dropping the last row, so cropping the doubled image gives the same values.
/// - Throws: `TensorError.invalidShapes` when `size` is neither twice nor twice minus one of the input's.
private func nearestDoubled(_ x: Tensor, croppedTo size: (Int, Int)?) throws(TensorError) -> Tensor {
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let doubled = try x.reshaped([batch, channels, height, 1, width, 1])
        .expanded(to: [batch, channels, height, 2, width, 2])
        .reshaped([batch, channels, 2 * height, 2 * width])
    guard let (targetHeight, targetWidth) = size, (targetHeight, targetWidth) != (2 * height, 2 * width) else {
        return doubled
    }
    guard [2 * height - 1, 2 * height].contains(targetHeight), [2 * width - 1, 2 * width].contains(targetWidth) else {
        throw .invalidShapes(
            operation: "UNet upsample", shapes: [x.shape],
            reason: "the skip connection's size \(targetHeight)×\(targetWidth) is not about twice the input's")
    }
    return try doubled.view.narrowed(dimension: 2, start: 0, length: targetHeight)
        .narrowed(dimension: 3, start: 0, length: targetWidth).contiguous()
}
