public import WeftTensor

/// One pass of ComfyUI's tiled processing (`comfy.utils.tiled_scale`): a function that maps an image to an output
/// `scale` times its size (a VAE's decoder, ×8, or encoder, ×1/8, an upscale model) is run on overlapping tiles of the
/// input, and the tiles' outputs are blended with a feathered mask, so each output position is the weighted mean of the
/// tiles that cover it. Only one tile's input and output exist at a time besides the blended result, so the
/// function's own memory is bounded by the tile size whatever the image size.
///
/// Along each side, tiles of `tile` positions start every `tile − overlap` positions (a side no longer than the tile
/// is one tile), and an input that fits one tile on both sides is passed to the function whole. Each tile's output is
/// weighted by a mask that rises linearly over `overlap · scale` positions at every edge, `(t + 1) / feather` for the
/// `t`-th position from the edge, the ramps of the two sides multiplied; positions are rounded half to even, as
/// Python's `round`. When shrinking, tile sides and overlap should be multiples of the denominator, so that rounding
/// leaves no output position uncovered (one no tile covers comes out NaN, 0/0, as in ComfyUI).
public struct TiledScale: Sendable {
    /// Tile height and width, in input positions.
    public let tileHeight: Int, tileWidth: Int
    /// Input positions shared by neighbouring tiles.
    public let overlap: Int
    /// Output positions per input position, as the fraction `numerator / denominator`.
    public let numerator: Int, denominator: Int

    /// A pass over tiles of `tileHeight × tileWidth` input positions overlapping by `overlap`, for a function whose
    /// output is `numerator / denominator` times the size of its input.
    /// - Throws: `TensorError.invalidShapes` unless `0 ≤ overlap` is smaller than both tile sides and the scale is
    ///   positive.
    public init(tileHeight: Int, tileWidth: Int, overlap: Int, numerator: Int, denominator: Int) throws(TensorError) {
        guard overlap >= 0, tileHeight > overlap, tileWidth > overlap, numerator > 0, denominator > 0 else {
            throw .invalidShapes(
                operation: "TiledScale", shapes: [[tileHeight, tileWidth]],
                reason: "overlap \(overlap) must be ≥ 0 and smaller than the tile, and the scale \(numerator)/\(denominator) positive")
        }
        self.tileHeight = tileHeight
        self.tileWidth = tileWidth
        self.overlap = overlap
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The blended output for `input` (`[1, C, H, W]`), `[1, outputChannels, round(H · scale), round(W · scale)]`;
    /// `function` receives each tile as `[1, C, h, w]`.
    /// - Throws: `TensorError` from `function`, or `.invalidShapes` when `input` is not one 4-D image or a tile's
    ///   output is not `[1, outputChannels, …]` inside the result.
    public func callAsFunction(
        _ input: Tensor, outputChannels: Int, _ function: (Tensor) throws(TensorError) -> Tensor
    ) throws(TensorError) -> Tensor {
        guard input.rank == 4, input.shape[0] == 1 else {
            throw .invalidShapes(operation: "TiledScale", shapes: [input.shape], reason: "expected one image [1, C, H, W]")
        }
        let (height, width) = (input.shape[2], input.shape[3])
        guard height > tileHeight || width > tileWidth else { return try function(input) }
        var blend = TileBlend(channels: outputChannels, height: scaled(height), width: scaled(width))
        for top in starts(along: height, tile: tileHeight) {
            for left in starts(along: width, tile: tileWidth) {
                let region = try input.view.narrowed(dimension: 2, start: top, length: min(tileHeight, height - top))
                    .narrowed(dimension: 3, start: left, length: min(tileWidth, width - left)).contiguous()
                let output = try function(region)
                guard output.rank == 4, output.shape[0] == 1, output.shape[1] == outputChannels,
                    scaled(top) + output.shape[2] <= blend.height, scaled(left) + output.shape[3] <= blend.width
                else {
                    throw .invalidShapes(
                        operation: "TiledScale", shapes: [region.shape, output.shape],
                        reason: "a tile's output must be [1, \(outputChannels), h, w] within the \(blend.height) × \(blend.width) result")
                }
                blend.add(
                    output, top: scaled(top), left: scaled(left), rowMask: feather(output.shape[2]), columnMask: feather(output.shape[3]))
            }
        }
        return try blend.result()
    }

    /// `value · scale`, rounded half to even.
    private func scaled(_ value: Int) -> Int {
        Int((Double(value) * Double(numerator) / Double(denominator)).rounded(.toNearestOrEven))
    }

    /// Where the tiles along a side of `size` positions start.
    private func starts(along size: Int, tile: Int) -> [Int] {
        guard size > tile else { return [0] }
        return stride(from: 0, to: size - overlap, by: tile - overlap).map { max(0, min(size - overlap, $0)) }
    }

    /// The mask along one side of a tile output of `length` positions: 1, ramped down at both ends over the scaled
    /// overlap (left at 1 when the ramp would be as long as the side).
    private func feather(_ length: Int) -> [Float] {
        var mask = [Float](repeating: 1, count: length)
        let ramp = scaled(overlap)
        guard ramp < length else { return mask }
        for step in 0..<ramp {
            let weight = Float(step + 1) / Float(ramp)
            mask[step] *= weight
            mask[length - 1 - step] *= weight
        }
        return mask
    }
}

/// The running weighted sum of tile outputs and the sum of their weights, per output position.
private struct TileBlend {
    let channels: Int, height: Int, width: Int
    /// Σ mask · tile output, `[channels, height, width]`.
    private var sums: [Float]
    /// Σ mask, `[height, width]` (the same for every channel).
    private var weights: [Float]

    init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        sums = [Float](repeating: 0, count: channels * height * width)
        weights = [Float](repeating: 0, count: height * width)
    }

    /// Adds `tile` (`[1, channels, h, w]`) at (`top`, `left`), weighted by `rowMask[y] · columnMask[x]`.
    mutating func add(_ tile: Tensor, top: Int, left: Int, rowMask: [Float], columnMask: [Float]) {
        let (rows, columns) = (tile.shape[2], tile.shape[3])
        let width = self.width
        tile.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                weights.withUnsafeMutableBufferPointer { weights in
                    for y in 0..<rows {
                        let line = (top + y) * width + left
                        for x in 0..<columns {
                            weights[line + x] += rowMask[y] * columnMask[x]
                        }
                        for channel in 0..<channels {
                            let source = (channel * rows + y) * columns
                            let target = channel * height * width + line
                            for x in 0..<columns {
                                sums[target + x] += values[source + x] * (rowMask[y] * columnMask[x])
                            }
                        }
                    }
                }
            }
        }
    }

    /// The weighted means, `[1, channels, height, width]`.
    func result() throws(TensorError) -> Tensor {
        let plane = height * width
        var means = sums
        for index in means.indices {
            means[index] /= weights[index % plane]
        }
        return try Tensor(shape: [1, channels, height, width], values: means)
    }
}
