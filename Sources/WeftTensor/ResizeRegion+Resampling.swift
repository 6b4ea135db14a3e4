internal import CTensorKernels

extension ResizeRegion {
    /// The window of every image resampled to the target size with `method`, in the input's layout. The C kernels read
    /// the window in place (no crop or transpose copy) and write the result directly; output rows are split across
    /// every core, so this must not run at the same time as a BLAS call (see `BLASThreads`).
    func resampled(_ method: UpscaleMethod) -> Tensor {
        guard batch > 0, channels > 0 else { return Tensor.zeros(outputShape) }
        let rows = ResizeAxis(rule: method.rule, input: windowHeight, output: targetHeight)
        let columns = ResizeAxis(rule: method.rule, input: windowWidth, output: targetWidth)
        let source = layout(height: height, width: width)
        let geometry = wt_resize_geometry(
            channels: channels, rows: rows.table, columns: columns.table, source: source,
            target: layout(height: targetHeight, width: targetWidth))
        let offset = top * source.row + left * source.column
        return withExtendedLifetime((rows, columns)) {
            withUnsafePointer(to: geometry) { geometry in
                let scratchBytes =
                    method == .lanczos
                    ? wt_resize_lanczos_scratch(geometry) : wt_resize_float_scratch(geometry) * MemoryLayout<Float>.stride
                return Tensor(shape: outputShape) { output in
                    tensor.withUnsafeBufferPointer { input in
                        let (x, y) = (input.baseAddress! + offset, output.baseAddress!)
                        parallelFor(count: batch * targetHeight, elementsPerItem: channels * targetWidth * rows.span) { range in
                            let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchBytes, alignment: 64)
                            defer { scratch.deallocate() }
                            if method == .lanczos {
                                wt_resize_lanczos(geometry, x, y, range.lowerBound, range.upperBound, scratch)
                            } else {
                                wt_resize_float(
                                    geometry, x, y, range.lowerBound, range.upperBound, scratch.assumingMemoryBound(to: Float.self))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Element strides of a `height × width` batch with this region's channels, in its layout.
    private func layout(height: Int, width: Int) -> wt_resize_layout {
        channelsLast
            ? wt_resize_layout(batch: height * width * channels, channel: 1, row: width * channels, column: channels)
            : wt_resize_layout(batch: channels * height * width, channel: height * width, row: width, column: 1)
    }
}

extension UpscaleMethod {
    /// The C kernels' sampling rule for this method.
    fileprivate var rule: wt_resize_rule {
        switch self {
        case .nearestExact: WT_RESIZE_NEAREST_EXACT
        case .bilinear: WT_RESIZE_LINEAR
        case .area: WT_RESIZE_AREA
        case .bicubic: WT_RESIZE_CUBIC
        case .lanczos: WT_RESIZE_LANCZOS
        }
    }
}
