/// A 2-D convolution with PyTorch's `conv2d` semantics and layouts (a cross-correlation: the kernel is not flipped).
///
/// `input` is `[N, Cin, H, W]`, `weight` is `[Cout, Cin/groups, kH, kW]` and `bias`, when given, is `[Cout]`; the
/// result is `[N, Cout, Hout, Wout]` with `Hout = (H + 2·padding.0 − dilation.0·(kH − 1) − 1) / stride.0 + 1` and
/// `Wout` likewise with the second components. Pairs are (height, width). Input and output channels are split into
/// `groups` equal groups, each convolved with its own slice of the weight (`groups == Cin` is a depthwise convolution).
///
/// A 1×1 kernel with stride 1 and no padding is one GEMM per image and group (`weight [Cout, Cin] × input [Cin, H·W]`);
/// any other kernel is lowered with im2col into a buffer of at most 16 MB, in tiles of output columns, each followed
/// by a GEMM. The bias is written into the result before the GEMMs accumulate onto it.
/// - Throws: `TensorError.invalidShapes` naming every shape when an operand has the wrong rank, the channels do not
///   fit the weight or the groups, the bias is not `[Cout]`, stride or dilation is below 1, padding is negative, the
///   padded input is smaller than the dilated kernel, or a dimension exceeds BLAS's 32-bit range.
public func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
    dilation: (Int, Int) = (1, 1), groups: Int = 1
) throws(TensorError) -> Tensor {
    try conv2d(
        input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups,
        columnBudget: Conv2DGeometry.defaultColumnBudget)
}

/// `conv2d` with the im2col buffer limited to `columnBudget` bytes (at least one column is always lowered), so
/// tests can force the tiled path on small inputs.
func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int),
    groups: Int, columnBudget: Int
) throws(TensorError) -> Tensor {
    let geometry = try Conv2DGeometry(
        input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding, dilation: dilation,
        groups: groups)
    let plane = geometry.outHeight * geometry.outWidth
    let computes = geometry.patchSize > 0 && geometry.batch > 0 && geometry.outChannels > 0 && plane > 0
    var output = Tensor(shape: geometry.outputShape) { buffer in
        guard let bias else {
            if !computes { buffer.update(repeating: 0) }
            return
        }
        for row in 0..<(geometry.batch * geometry.outChannels) {
            let value = bias.scalars[row % geometry.outChannels]
            buffer[(row * plane)..<((row + 1) * plane)].update(repeating: value)
        }
    }
    guard computes else { return output }
    input.withUnsafeBufferPointer { inputBuffer in
        weight.withUnsafeBufferPointer { weightBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                guard let inputBase = inputBuffer.baseAddress, let weightBase = weightBuffer.baseAddress,
                    let outputBase = outputBuffer.baseAddress
                else { return }
                geometry.convolve(
                    input: inputBase, weight: weightBase, output: outputBase, beta: bias == nil ? 0 : 1, columnBudget: columnBudget)
            }
        }
    }
    return output
}
