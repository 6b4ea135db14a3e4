internal import CTensorKernels

extension Tensor {
    /// This tensor with a border added along its last `amounts.count` dimensions (PyTorch's `F.pad`): `amounts[i]`
    /// adds `before` elements at the start and `after` at the end of dimension `rank - amounts.count + i`, filled as
    /// `mode` says. `x.padded([(1, 1), (2, 2)], mode: .reflect)` on `[N, C, H, W]` adds one row above and below and two
    /// columns left and right, like `F.pad(x, (2, 2, 1, 1), mode="reflect")` (PyTorch lists the last dimension first).
    /// Unlike PyTorch, every mode pads any number of dimensions.
    ///
    /// The result is new storage, gathered in C through one offset table per dimension, split across cores by rows
    /// when large (so this must not run at the same time as a BLAS call). To crop instead, use `narrowed`.
    /// - Throws: `TensorError.invalidShapes` when there are more pairs than dimensions, an amount is negative, or the
    ///   mode cannot pad a dimension that much (see `PaddingMode`).
    public func padded(_ amounts: [(before: Int, after: Int)], mode: PaddingMode = .constant(0)) throws(TensorError) -> Tensor {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "padded", shapes: [shape], reason: reason)
        }
        guard amounts.count <= rank else {
            throw failure("\(amounts.count) padding pairs for \(rank) dimensions")
        }
        guard amounts.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            throw failure("padding amounts \(amounts) must not be negative")
        }
        let padding = [(before: Int, after: Int)](repeating: (0, 0), count: rank - amounts.count) + amounts
        let strides = self.strides
        var outputShape: [Int] = []
        var tables: [Int] = []
        for (dimension, (before, after)) in padding.enumerated() {
            let size = shape[dimension]
            if let problem = mode.problem(size: size, before: before, after: after) {
                throw failure("dimension \(dimension): \(problem)")
            }
            outputShape.append(before + size + after)
            for position in 0..<(before + size + after) {
                tables.append(mode.sourceIndex(position - before, size: size).map { $0 * strides[dimension] } ?? -1)
            }
        }
        guard let width = outputShape.last, width > 0, outputShape.allSatisfy({ $0 > 0 }) else {
            return rank == 0 ? self : Tensor.zeros(outputShape)
        }
        let rows = outputShape.reduce(1, *) / width
        let fill: Float = if case .constant(let value) = mode { value } else { 0 }
        return Tensor(shape: outputShape) { output in
            withUnsafeBufferPointer { input in
                let (source, target) = (input.baseAddress, output.baseAddress!)
                parallelFor(count: rows, elementsPerItem: width) { range in
                    wt_gather_indexed(outputShape.count, outputShape, tables, source, fill, target, range.lowerBound, range.upperBound)
                }
            }
        }
    }
}
