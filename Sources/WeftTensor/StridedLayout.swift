/// The loop nest a strided kernel runs: sizes, and one list of element strides per operand (output first), with the
/// dimensions merged as far as every operand allows.
///
/// Size-1 dimensions are dropped and neighbouring dimensions that every operand steps through evenly are merged, so
/// a same-shape operation becomes one run of `count` elements, a bias `[C]` added to `[N, C]` becomes `[N, C]` with
/// the bias stride 0 in the outer dimension, and `[B, C, 1, 1]` added to `[B, C, H, W]` becomes `[B·C, H·W]` with the
/// bias stride 0 in the inner dimension. The kernels then run plain loops along the (long) inner dimension.
struct StridedLayout {
    /// The merged sizes; at least one dimension.
    private(set) var shape: [Int] = []
    /// For each operand, one stride per merged dimension.
    private(set) var strides: [[Int]]

    /// Merges `sizes` with the operands' strides (each list as long as `sizes`).
    init(shape sizes: [Int], strides operandStrides: [[Int]]) {
        strides = operandStrides.map { _ in [] }
        for dimension in sizes.indices where sizes[dimension] != 1 {
            let size = sizes[dimension]
            let mergeable =
                !shape.isEmpty && strides.indices.allSatisfy { strides[$0].last == operandStrides[$0][dimension] * size }
            for operand in strides.indices {
                let stride = operandStrides[operand][dimension]
                if mergeable {
                    strides[operand][strides[operand].count - 1] = stride
                } else {
                    strides[operand].append(stride)
                }
            }
            if mergeable {
                shape[shape.count - 1] *= size
            } else {
                shape.append(size)
            }
        }
        if shape.isEmpty {
            shape = [1]
            strides = strides.map { _ in [0] }
        }
    }

    /// The number of elements the loop nest visits.
    var count: Int { shape.reduce(1, *) }

    /// The same elements in a cache-friendlier order for a copy (operand 0 the target, 1 the source): when the
    /// innermost loop reads the source with a stride of 16 or more elements (a transpose such as NCHW → NHWC) and
    /// another dimension reads it contiguously, that dimension is cut into blocks of up to 64 and the block becomes the
    /// innermost loop. Each inner run then reads consecutive elements, and the target lines it writes are revisited
    /// while still cached. Only valid when the visiting order does not matter, as for a copy.
    func blockedForCopy() -> StridedLayout {
        let last = shape.count - 1
        guard last > 0, abs(strides[1][last]) >= 16,
            let contiguous = (0..<last).last(where: { strides[1][$0] == 1 }),
            let block = (2...64).reversed().first(where: { shape[contiguous] % $0 == 0 })
        else { return self }
        var result = self
        result.shape[contiguous] /= block
        result.shape.append(block)
        for operand in strides.indices {
            result.strides[operand][contiguous] *= block
            result.strides[operand].append(strides[operand][contiguous])
        }
        return result
    }
}

/// The strides of a contiguous row-major tensor of `shape`: the last is 1, and each other is the product of the
/// sizes after it.
func rowMajorStrides(of shape: [Int]) -> [Int] {
    var result = [Int](repeating: 1, count: shape.count)
    var step = 1
    for dimension in shape.indices.reversed() {
        result[dimension] = step
        step *= shape[dimension]
    }
    return result
}
