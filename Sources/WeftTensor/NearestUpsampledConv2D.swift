internal import CTensorKernels

/// A 3×3 convolution (stride 1, zero padding 1) of `input` upsampled ×2 by nearest neighbour, the upsampling step of
/// VAE and UNet decoders: `conv2d(resize(input, height: 2H, width: 2W, method: .nearestExact), weight: weight,
/// bias: bias, padding: (1, 1))`, computed from `input` itself without building the upsampled image.
///
/// In the upsampled image every input pixel appears as a 2 × 2 block, so the output pixel `(2i + a, 2j + b)` (its
/// phase `(a, b)`) reads only a 2 × 2 window of the input, rows `i − 1 + a ... i + a` and columns likewise: the 3×3
/// kernel's taps that fall on the same input row (or column) add up to one tap. Each phase is therefore a 2×2
/// convolution of the input with a folded kernel (folded at each call, into a scratch buffer 16/9 the weight's size).
/// All four phases share one im2col lowering of the input padded by one pixel on every side (`(H + 1) × (W + 1)`
/// windows; phase `(a, b)` uses windows `a ..< a + H` by `b ..< b + W`), and one GEMM with the four folded kernels
/// stacked gives every phase at once. That is 16 multiply-adds per output channel, input channel and input pixel
/// instead of 36, and no `4 · Cin · H · W` upsampled tensor.
///
/// Each image is worked through in tiles of whole window rows, the im2col buffer and the GEMM's result together within
/// `Conv2DGeometry.defaultColumnBudget` bytes (16 MB; at least one row), and each phase is scattered into every other
/// output row and column. The GEMMs run on OpenBLAS's threads and the scatter on Weft's, one after the other, so this
/// must not run at the same time as another BLAS call. Results equal the unfused computation up to float rounding
/// (the folded taps are summed before multiplying).
/// - Throws: `TensorError.invalidShapes` naming the shapes when `input` is not `[N, Cin, H, W]`, `weight` is not
///   `[Cout, Cin, 3, 3]`, `bias` is not `[Cout]`, or a size exceeds BLAS's 32-bit range.
public func nearestUpsampledConv2d(_ input: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
    let shapes = [input.shape, weight.shape] + (bias.map { [$0.shape] } ?? [])
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "nearestUpsampledConv2d", shapes: shapes, reason: reason)
    }
    guard input.rank == 4, weight.rank == 4, weight.shape[1] == input.shape[1], weight.shape[2] == 3, weight.shape[3] == 3,
        bias.map({ $0.shape == [weight.shape[0]] }) ?? true
    else {
        throw failure("expected input [N, Cin, H, W], weight [Cout, Cin, 3, 3] and bias [Cout]")
    }
    let plan = UpsamplingPlan(inChannels: input.shape[1], outChannels: weight.shape[0], height: input.shape[2], width: input.shape[3])
    guard [plan.patchSize, 4 * plan.outChannels, plan.gridWidth * (plan.height + 1)].allSatisfy({ $0 <= Int(Int32.max) }) else {
        throw failure("a dimension exceeds BLAS's 32-bit index range")
    }
    let batch = input.shape[0]
    let outputShape = [batch, plan.outChannels, 2 * plan.height, 2 * plan.width]
    let biases = bias?.scalars ?? [Float](repeating: 0, count: plan.outChannels)
    guard batch > 0, plan.height > 0, plan.width > 0, plan.outChannels > 0 else { return Tensor.zeros(outputShape) }
    return Tensor(shape: outputShape) { output in
        input.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { weight in
                biases.withUnsafeBufferPointer { biases in
                    plan.convolve(
                        batch: batch, input: input.baseAddress!, weight: weight.baseAddress!, biases: biases.baseAddress!,
                        output: output.baseAddress!)
                }
            }
        }
    }
}

/// The sizes of one upsampling convolution and how each image is tiled.
private struct UpsamplingPlan {
    /// Input and output channels, and the input's height and width.
    let inChannels: Int, outChannels: Int, height: Int, width: Int

    /// Values one window reads: `Cin · 2 · 2`.
    var patchSize: Int { inChannels * 4 }
    /// Windows per row of the padded grid, `W + 1`.
    var gridWidth: Int { width + 1 }
    /// Window rows lowered per tile: as many as keep the im2col buffer and the GEMM result within the budget.
    var rowsPerTile: Int {
        let bytesPerRow = MemoryLayout<Float>.stride * gridWidth * (patchSize + 4 * outChannels)
        return max(1, min(height + 1, Conv2DGeometry.defaultColumnBudget / max(1, bytesPerRow)))
    }

    /// Writes the upsampled convolution of `batch` images (`[N, Cin, H, W]`) into `output` (`[N, Cout, 2H, 2W]`).
    func convolve(
        batch: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, biases: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let tileRows = rowsPerTile
        let kernels = UnsafeMutablePointer<Float>.allocate(capacity: 4 * outChannels * patchSize)
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * tileRows * gridWidth)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: 4 * outChannels * tileRows * gridWidth)
        defer {
            kernels.deallocate()
            columns.deallocate()
            products.deallocate()
        }
        foldKernels(weight, into: kernels)
        var lowering = wt_conv2d_geometry(
            channels: inChannels, height: height, width: width, kernel_h: 2, kernel_w: 2, stride_h: 1, stride_w: 1, pad_h: 1,
            pad_w: 1, dilation_h: 1, dilation_w: 1, out_h: height + 1, out_w: gridWidth)
        for image in 0..<batch {
            for firstRow in stride(from: 0, to: height + 1, by: tileRows) {
                let rows = min(tileRows, height + 1 - firstRow)
                let count = rows * gridWidth
                wt_im2col(&lowering, input + image * inChannels * height * width, firstRow * gridWidth, count, columns)
                for row in 0..<(4 * outChannels) {
                    (products + row * count).update(repeating: biases[row % outChannels], count: count)
                }
                GEMM(m: 4 * outChannels, n: count, k: patchSize, transposeA: false, transposeB: false)
                    .run(a: kernels, b: columns, c: products, beta: 1)
                scatter(products, windowRows: firstRow..<(firstRow + rows), into: output + image * outChannels * 4 * height * width)
            }
        }
    }

    /// Folds `weight` (`[Cout, Cin, 3, 3]`) into the four phase kernels stacked, `[4 · Cout, Cin · 2 · 2]`: rows
    /// `(2a + b) · Cout ..< (2a + b + 1) · Cout` hold phase `(a, b)`, each row laid out like a `[Cin, 2, 2]` kernel.
    /// Along each axis, phase 0's taps (input offsets −1 and 0) take kernel rows 0 and 1 + 2, phase 1's (offsets 0
    /// and +1) rows 0 + 1 and 2.
    private func foldKernels(_ weight: UnsafePointer<Float>, into kernels: UnsafeMutablePointer<Float>) {
        let pairs = outChannels * inChannels
        for phase in 0..<4 {
            let (rowPhase, columnPhase) = phase.quotientAndRemainder(dividingBy: 2)
            for pair in 0..<pairs {
                let source = weight + pair * 9
                let target = kernels + phase * pairs * 4 + pair * 4
                for tap in 0..<4 {
                    var sum: Float = 0
                    for ky in foldedTaps(phase: rowPhase, tap: tap / 2) {
                        for kx in foldedTaps(phase: columnPhase, tap: tap % 2) {
                            sum += source[ky * 3 + kx]
                        }
                    }
                    target[tap] = sum
                }
            }
        }
    }

    /// The rows (or columns) of the 3×3 kernel that land on tap `tap` (0 or 1) of the 2×2 window for phase `phase`.
    private func foldedTaps(phase: Int, tap: Int) -> ClosedRange<Int> {
        tap == 0 ? 0...phase : (1 + phase)...2
    }

    /// Copies each phase's results for the window rows `windowRows` (`products` is `[4 · Cout, rows · (W + 1)]`) to
    /// its output pixels in one image's `output` (`[Cout, 2H, 2W]`): phase `(a, b)`, window `(p, q)` is output pixel
    /// `(2(p − a) + a, 2(q − b) + b)`, for the windows `a ≤ p < H + a`, `b ≤ q < W + b`.
    private func scatter(_ products: UnsafePointer<Float>, windowRows: Range<Int>, into output: UnsafeMutablePointer<Float>) {
        let count = windowRows.count * gridWidth
        let outputWidth = 2 * width
        for phase in 0..<4 {
            let (a, b) = phase.quotientAndRemainder(dividingBy: 2)
            let rows = max(windowRows.lowerBound, a)..<min(windowRows.upperBound, height + a)
            guard !rows.isEmpty else { continue }
            let source = products + phase * outChannels * count + (rows.lowerBound - windowRows.lowerBound) * gridWidth + b
            let target = output + (2 * (rows.lowerBound - a) + a) * outputWidth + b
            copyStrided(
                shape: [outChannels, rows.count, width], from: source, strides: [count, gridWidth, 1], to: target,
                strides: [4 * height * width, 2 * outputWidth, 2])
        }
    }
}
