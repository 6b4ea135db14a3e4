/// A 3×3 convolution with stride 1 and zero padding 1, `conv2d(input, weight: weight, bias: bias, padding: (1, 1))`,
/// computed with Winograd's minimal filtering F(2×2, 3×3): 16 multiplications per 2 × 2 block of outputs instead of
/// 36, so its GEMMs do 2.25 times less work than `conv2d`'s im2col lowering. It is the workhorse of the VAE's and
/// UNet's residual blocks; with only a few channels its GEMMs are thin and `conv2d` may be as fast.
///
/// With Lavin and Gray's matrices, each 2 × 2 output tile is `Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A` for the 4 × 4 input window
/// `d` it reads and each 3 × 3 kernel `g`. A call transforms the kernels into 16 matrices `[Cout, Cin]` (a scratch
/// buffer of 16/9 the weight's size, as cheap as one pass over it), transforms the input windows into 16 matrices
/// `[Cin, tiles]` (additions only), multiplies each pair with one GEMM, and transforms the 16 products back into
/// output tiles, adding the bias.
///
/// Memory stays bounded: the image is taken in blocks of whole tile rows whose transformed input and products together
/// stay within `winogradBlockByteLimit`, so the extra memory is that block and the transformed kernels, not a multiple
/// of the image. The transforms are split across every core by channel and the GEMMs run on OpenBLAS's threads, one
/// after the other, so this must not run at the same time as another BLAS call (see `BLASThreads`).
///
/// The transforms only add, subtract and halve, so results agree with `conv2d`'s to float rounding (relative
/// differences around 1e-6).
/// - Throws: `TensorError.invalidShapes` naming the shapes when `input` is not `[N, Cin, H, W]`, `weight` is not
///   `[Cout, Cin, 3, 3]`, `bias` is not `[Cout]`, or a size exceeds BLAS's 32-bit range.
public func winogradConv2d(_ input: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
    let shapes = [input.shape, weight.shape] + (bias.map { [$0.shape] } ?? [])
    func failure(_ reason: String) -> TensorError {
        .invalidShapes(operation: "winogradConv2d", shapes: shapes, reason: reason)
    }
    guard input.rank == 4, weight.rank == 4, weight.shape[1] == input.shape[1], weight.shape[2] == 3, weight.shape[3] == 3,
        bias.map({ $0.shape == [weight.shape[0]] }) ?? true
    else {
        throw failure("expected input [N, Cin, H, W], weight [Cout, Cin, 3, 3] and bias [Cout]")
    }
    let plan = WinogradPlan(
        inChannels: input.shape[1], outChannels: weight.shape[0], height: input.shape[2], width: input.shape[3])
    guard [plan.inChannels, plan.outChannels, plan.tilesWide * plan.rowsPerBlock].allSatisfy({ $0 <= Int(Int32.max) }) else {
        throw failure("a dimension exceeds BLAS's 32-bit index range")
    }
    let outputShape = [input.shape[0], plan.outChannels, plan.height, plan.width]
    let biases = bias?.scalars ?? [Float](repeating: 0, count: plan.outChannels)
    return Tensor(shape: outputShape) { output in
        guard output.count > 0 else { return }
        biases.withUnsafeBufferPointer { biases in
            guard plan.inChannels > 0 else {
                let plane = plan.height * plan.width
                for row in 0..<(output.count / plane) {
                    (output.baseAddress! + row * plane).update(repeating: biases[row % plan.outChannels], count: plane)
                }
                return
            }
            input.withUnsafeBufferPointer { input in
                weight.withUnsafeBufferPointer { weight in
                    plan.convolve(
                        batch: outputShape[0], input: input.baseAddress!, weight: weight.baseAddress!, biases: biases.baseAddress!,
                        output: output.baseAddress!)
                }
            }
        }
    }
}

/// The most bytes `winogradConv2d` uses for one block of transformed input and products (32 MB).
public let winogradBlockByteLimit = 32 << 20

/// The sizes of one Winograd convolution and how the image is split into blocks of tile rows.
private struct WinogradPlan {
    /// Input and output channels, and the image's height and width (the output's too).
    let inChannels: Int, outChannels: Int, height: Int, width: Int

    /// Output tiles (2 × 2) per row of the image.
    var tilesWide: Int { (width + 1) / 2 }
    /// Output tiles per column of the image.
    var tilesHigh: Int { (height + 1) / 2 }
    /// Tile rows per block: as many as keep the block's 16 input and 16 product matrices within the limit.
    var rowsPerBlock: Int {
        let bytesPerRow = 16 * MemoryLayout<Float>.stride * (inChannels + outChannels) * tilesWide
        return max(1, min(tilesHigh, winogradBlockByteLimit / max(1, bytesPerRow)))
    }

    /// Convolves `batch` images (`[N, Cin, H, W]`) with `weight` (`[Cout, Cin, 3, 3]`) into `output`
    /// (`[N, Cout, H, W]`).
    func convolve(
        batch: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, biases: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let capacity = rowsPerBlock * tilesWide
        let kernels = UnsafeMutablePointer<Float>.allocate(capacity: 16 * outChannels * inChannels)
        let transformedInput = UnsafeMutablePointer<Float>.allocate(capacity: 16 * inChannels * capacity)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: 16 * outChannels * capacity)
        defer {
            kernels.deallocate()
            transformedInput.deallocate()
            products.deallocate()
        }
        let pairs = outChannels * inChannels
        parallelFor(count: pairs, elementsPerItem: 25) { range in
            transformKernels(weight, pairs: range, total: pairs, into: kernels)
        }
        let plane = height * width
        for image in 0..<batch {
            for firstRow in stride(from: 0, to: tilesHigh, by: rowsPerBlock) {
                let block = WinogradBlock(plan: self, firstRow: firstRow, rows: min(rowsPerBlock, tilesHigh - firstRow))
                parallelFor(count: inChannels, elementsPerItem: 16 * block.tiles) { channels in
                    block.transformInput(input + image * inChannels * plane, channels: channels, into: transformedInput)
                }
                for element in 0..<16 {
                    GEMM(m: outChannels, n: block.tiles, k: inChannels, transposeA: false, transposeB: false).run(
                        a: kernels + element * pairs, b: transformedInput + element * inChannels * block.tiles,
                        c: products + element * outChannels * block.tiles, beta: 0)
                }
                parallelFor(count: outChannels, elementsPerItem: 16 * block.tiles) { channels in
                    block.transformOutput(products, channels: channels, biases: biases, into: output + image * outChannels * plane)
                }
            }
        }
    }
}

/// Writes `G g Gᵀ` for the kernels `pairs` (indices into `weight`, `[Cout · Cin, 3, 3]`): element `ξ` (row-major
/// 4 × 4) of kernel `p` goes to `kernels[ξ · total + p]`, so each element's kernels form one `[Cout, Cin]` matrix.
/// `G` maps three taps `a, b, c` to `a, (a + b + c) / 2, (a − b + c) / 2, c`; it is applied to the kernel's columns,
/// then to the rows of the result.
private func transformKernels(_ weight: UnsafePointer<Float>, pairs: Range<Int>, total: Int, into kernels: UnsafeMutablePointer<Float>) {
    func interpolated(_ a: Float, _ b: Float, _ c: Float) -> (Float, Float, Float, Float) {
        (a, (a + b + c) / 2, (a - b + c) / 2, c)
    }
    for pair in pairs {
        let g = weight + pair * 9
        let left = interpolated(g[0], g[3], g[6])
        let centre = interpolated(g[1], g[4], g[7])
        let right = interpolated(g[2], g[5], g[8])
        func store(row: Int, _ values: (Float, Float, Float, Float)) {
            let target = kernels + 4 * row * total + pair
            target[0] = values.0
            target[total] = values.1
            target[2 * total] = values.2
            target[3 * total] = values.3
        }
        store(row: 0, interpolated(left.0, centre.0, right.0))
        store(row: 1, interpolated(left.1, centre.1, right.1))
        store(row: 2, interpolated(left.2, centre.2, right.2))
        store(row: 3, interpolated(left.3, centre.3, right.3))
    }
}

/// One block of tile rows: the input transform into 16 matrices `[Cin, tiles]` and the output transform back from 16
/// matrices `[Cout, tiles]`, tile `t` of the block being tile row `firstRow + t / tilesWide`, column `t % tilesWide`.
private struct WinogradBlock {
    /// The convolution the block belongs to.
    let plan: WinogradPlan
    /// The first tile row and the number of tile rows.
    let firstRow: Int, rows: Int

    /// Tiles in the block.
    var tiles: Int { rows * plan.tilesWide }

    /// Writes `Bᵀ d B` for every window `d` of the block and channel in `channels` of `image` (`[Cin, H, W]`): element
    /// `ξ` of channel `c`'s tile `t` goes to `transformed[(ξ · Cin + c) · tiles + t]`.
    ///
    /// Along the rows, `Bᵀ` combines the window's four input rows into `d₀ − d₂, d₁ + d₂, d₂ − d₁, d₁ − d₃`, done for
    /// whole rows at once (zero-padded by one column on the left and as many as needed on the right); the same
    /// combination of the four columns then gives the 16 elements.
    func transformInput(_ image: UnsafePointer<Float>, channels: Range<Int>, into transformed: UnsafeMutablePointer<Float>) {
        let (width, height, tilesWide) = (plan.width, plan.height, plan.tilesWide)
        let paddedWidth = 2 * tilesWide + 2
        let windowRows = UnsafeMutablePointer<Float>.allocate(capacity: 4 * paddedWidth)
        let combined = UnsafeMutablePointer<Float>.allocate(capacity: 4 * paddedWidth)
        defer {
            windowRows.deallocate()
            combined.deallocate()
        }
        windowRows.initialize(repeating: 0, count: 4 * paddedWidth)
        let elementStride = plan.inChannels * tiles
        for channel in channels {
            let source = image + channel * height * width
            for row in 0..<rows {
                let top = 2 * (firstRow + row) - 1
                for line in 0..<4 {
                    let target = windowRows + line * paddedWidth + 1
                    if (0..<height).contains(top + line) {
                        target.update(from: source + (top + line) * width, count: width)
                    } else {
                        target.update(repeating: 0, count: width)
                    }
                }
                let (d0, d1, d2, d3) = (windowRows, windowRows + paddedWidth, windowRows + 2 * paddedWidth, windowRows + 3 * paddedWidth)
                let (r0, r1, r2, r3) = (combined, combined + paddedWidth, combined + 2 * paddedWidth, combined + 3 * paddedWidth)
                for column in 0..<paddedWidth {
                    r0[column] = d0[column] - d2[column]
                    r1[column] = d1[column] + d2[column]
                    r2[column] = d2[column] - d1[column]
                    r3[column] = d1[column] - d3[column]
                }
                let first = transformed + channel * tiles + row * tilesWide
                for line in 0..<4 {
                    let r = combined + line * paddedWidth
                    let v0 = first + 4 * line * elementStride
                    let (v1, v2, v3) = (v0 + elementStride, v0 + 2 * elementStride, v0 + 3 * elementStride)
                    for tile in 0..<tilesWide {
                        let (a, b, c, d) = (r[2 * tile], r[2 * tile + 1], r[2 * tile + 2], r[2 * tile + 3])
                        v0[tile] = a - c
                        v1[tile] = b + c
                        v2[tile] = c - b
                        v3[tile] = b - d
                    }
                }
            }
        }
    }

    /// Writes `Aᵀ m A` plus the bias for every tile of the block and output channel in `channels` into `output`
    /// (`[Cout, H, W]`), `m` being the 16 products of the tile (`products[(ξ · Cout + c) · tiles + t]`). `Aᵀ` combines
    /// four values into `m₀ + m₁ + m₂` and `m₁ − m₂ − m₃`; the parts of tiles past an odd height or width are dropped.
    func transformOutput(
        _ products: UnsafePointer<Float>, channels: Range<Int>, biases: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>
    ) {
        let (width, height, tilesWide) = (plan.width, plan.height, plan.tilesWide)
        let elementStride = plan.outChannels * tiles
        let evenRow = UnsafeMutablePointer<Float>.allocate(capacity: 2 * tilesWide)
        let oddRow = UnsafeMutablePointer<Float>.allocate(capacity: 2 * tilesWide)
        defer {
            evenRow.deallocate()
            oddRow.deallocate()
        }
        for channel in channels {
            let bias = biases[channel]
            for row in 0..<rows {
                let m = products + channel * tiles + row * tilesWide
                for tile in 0..<tilesWide {
                    let p = m + tile
                    // Aᵀ · m: the four rows of each column combined.
                    let (a0, a1, a2, a3) = (p[0], p[elementStride], p[2 * elementStride], p[3 * elementStride])
                    let (b0, b1, b2, b3) = (p[4 * elementStride], p[5 * elementStride], p[6 * elementStride], p[7 * elementStride])
                    let (c0, c1, c2, c3) = (p[8 * elementStride], p[9 * elementStride], p[10 * elementStride], p[11 * elementStride])
                    let (d0, d1, d2, d3) = (p[12 * elementStride], p[13 * elementStride], p[14 * elementStride], p[15 * elementStride])
                    let (s0, s1, s2, s3) = (a0 + b0 + c0, a1 + b1 + c1, a2 + b2 + c2, a3 + b3 + c3)
                    let (t0, t1, t2, t3) = (b0 - c0 - d0, b1 - c1 - d1, b2 - c2 - d2, b3 - c3 - d3)
                    // (Aᵀ · m) · A: the same combination of the four columns.
                    evenRow[2 * tile] = s0 + s1 + s2 + bias
                    evenRow[2 * tile + 1] = s1 - s2 - s3 + bias
                    oddRow[2 * tile] = t0 + t1 + t2 + bias
                    oddRow[2 * tile + 1] = t1 - t2 - t3 + bias
                }
                let top = 2 * (firstRow + row)
                let target = output + channel * height * width + top * width
                target.update(from: evenRow, count: width)
                if top + 1 < height {
                    (target + width).update(from: oddRow, count: width)
                }
            }
        }
    }
}
