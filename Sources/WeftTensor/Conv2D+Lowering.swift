internal import COpenBLAS
import CTensorKernels

extension Conv2DGeometry {
    /// Convolves `input` (`[N, Cin, H, W]`) with `weight` (`[Cout, Cin/groups, kH, kW]`) into `output`
    /// (`[N, Cout, Hout, Wout]`); `beta` 0 overwrites `output`, 1 adds onto it (the bias already written there).
    func convolve(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, beta: Float,
        columnBudget: Int
    ) {
        if isPointwise {
            convolvePointwise(input: input, weight: weight, output: output, beta: beta)
        } else {
            convolveLowered(input: input, weight: weight, output: output, beta: beta, columnBudget: columnBudget)
        }
    }

    /// The 1×1, stride-1, unpadded case: per image and group, `weight [Cout/g, Cin/g] × input [Cin/g, H·W]`.
    private func convolvePointwise(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, beta: Float
    ) {
        let plane = height * width
        let gemm = GEMM(m: groupOutChannels, n: plane, k: groupInChannels, transposeA: false, transposeB: false)
        for image in 0..<batch {
            for group in 0..<groups {
                gemm.run(
                    a: weight + group * groupOutChannels * groupInChannels,
                    b: input + (image * inChannels + group * groupInChannels) * plane,
                    c: output + (image * outChannels + group * groupOutChannels) * plane,
                    beta: beta)
            }
        }
    }

    /// Any other kernel: per image, tile of output positions and group, im2col into a bounded buffer
    /// `[Cin/g · kH · kW, tile]`, then `weight [Cout/g, Cin/g · kH · kW] × columns` into the tile's output columns.
    private func convolveLowered(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, beta: Float,
        columnBudget: Int
    ) {
        let inputPlane = height * width
        let outputPlane = outHeight * outWidth
        let tile = tileColumns(budget: columnBudget)
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * tile)
        defer { columns.deallocate() }
        var lowering = wt_conv2d_geometry(
            channels: groupInChannels, height: height, width: width, kernel_h: kernelHeight, kernel_w: kernelWidth,
            stride_h: stride.0, stride_w: stride.1, pad_h: padding.0, pad_w: padding.1, dilation_h: dilation.0,
            dilation_w: dilation.1, out_h: outHeight, out_w: outWidth)
        BLASThreads.ensureConfigured()
        for image in 0..<batch {
            for first in Swift.stride(from: 0, to: outputPlane, by: tile) {
                let count = min(tile, outputPlane - first)
                for group in 0..<groups {
                    wt_im2col(&lowering, input + (image * inChannels + group * groupInChannels) * inputPlane, first, count, columns)
                    // The tile's output columns are a strided block of the output (leading dimension Hout·Wout), which
                    // the GEMM wrapper's packed `c` cannot express, so this GEMM calls cblas_sgemm directly.
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        Int32(groupOutChannels), Int32(count), Int32(patchSize),
                        1,
                        weight + group * groupOutChannels * patchSize, Int32(patchSize),
                        columns, Int32(count),
                        beta,
                        output + (image * outChannels + group * groupOutChannels) * outputPlane + first, Int32(outputPlane))
                }
            }
        }
    }
}
