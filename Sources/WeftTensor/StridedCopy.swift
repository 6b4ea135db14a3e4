internal import CTensorKernels

/// Copies the elements of the strided layout `shape` from `source` (with `sourceStrides`) to `target` (with
/// `targetStrides`), split across cores when large. The target elements must be distinct and not overlap the source.
func copyStrided(
    shape: [Int], from source: UnsafePointer<Float>, strides sourceStrides: [Int], to target: UnsafeMutablePointer<Float>,
    strides targetStrides: [Int]
) {
    guard shape.allSatisfy({ $0 > 0 }) else { return }
    let layout = StridedLayout(shape: shape, strides: [targetStrides, sourceStrides]).blockedForCopy()
    let (sizes, strides) = (layout.shape, layout.strides)
    parallelFor(count: layout.count, elementsPerItem: 1) { range in
        wt_copy_strided(sizes.count, sizes, target, strides[0], source, strides[1], range.lowerBound, range.count)
    }
}
