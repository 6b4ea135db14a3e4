import WeftTensor

/// Sums weighted predictions over areas of a latent and their weights, then divides, as ComfyUI's
/// `calc_cond_batch` does (the weight total starts at 1e-37 so uncovered cells come out 0).
struct LatentAccumulator {
    private var sum: [Float]
    private var weight: [Float]
    private let shape: [Int]

    /// An empty sum over a latent of `shape` (`[B, C, H, W]`).
    init(shape: [Int]) {
        self.shape = shape
        let count = shape.reduce(1, *)
        sum = [Float](repeating: 0, count: count)
        weight = [Float](repeating: 1e-37, count: count)
    }

    /// Adds `prediction` (`[B, C, area.height, area.width]`) times the per-cell `weights` into `area`.
    mutating func add(_ prediction: Tensor, weights: [Float], area: LatentArea) {
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        prediction.withUnsafeBufferPointer { values in
            var source = 0
            for plane in 0..<(batch * channels) {
                for row in 0..<area.height {
                    let target = (plane * height + area.y + row) * width + area.x
                    for column in 0..<area.width {
                        let cellWeight = weights[row * area.width + column]
                        sum[target + column] += values[source] * cellWeight
                        weight[target + column] += cellWeight
                        source += 1
                    }
                }
            }
        }
    }

    /// The weighted average.
    func average() throws(TensorError) -> Tensor {
        try Tensor(shape: shape, values: zip(sum, weight).map { $0 / $1 })
    }
}
