/// `dimension` as an index into `rank` dimensions: 0 ..< rank as it is, or counted from the end when negative
/// (-1 is the last), as PyTorch does.
/// - Throws: `failure`'s error, saying which dimension and how many there are, when it lies outside -rank ..< rank.
func resolvedDimension(_ dimension: Int, rank: Int, failure: (String) -> TensorError) throws(TensorError) -> Int {
    let resolved = dimension < 0 ? dimension + rank : dimension
    guard resolved >= 0, resolved < rank else {
        throw failure("dimension \(dimension) is out of range for \(rank) dimension\(rank == 1 ? "" : "s")")
    }
    return resolved
}
