public import WeftTensor

extension AutoencoderKL {
    /// `decode(_:)` in overlapping tiles, as ComfyUI's VAEDecodeTiled: three tiled passes of the decoder, with tiles of
    /// `tileSize / 8` latent positions squared, twice as tall and half as wide, and half as tall and twice as wide,
    /// each blended with feathered edges over `overlap / 8` positions (see `TiledScale`), are averaged, and the mean is
    /// mapped to 0…1 like `decode`'s. ComfyUI's node reduces the overlap to a quarter of the tile when it is larger,
    /// and so does this.
    ///
    /// The result differs from `decode`'s, as ComfyUI's does: each tile normalises its groups over its own positions
    /// and its middle attention sees only its own positions. The feathered blend moves gradually from one tile to the
    /// next, so the tiles leave no hard seams.
    ///
    /// Memory is bounded by the tile, not the image: the decoder only ever runs on one tile of at most
    /// `(tileSize / 8)²` latent positions (the tall and wide tiles have the same area), so its activations are those of
    /// decoding a `tileSize × tileSize` image whatever the latent's size. Only the blended output (3 channels), the
    /// weights of its positions and the running sum of the passes grow with the image: a few floats per pixel.
    /// - Throws: `TensorError.invalidShapes` when `latent` is not `[B, latentChannels, h, w]`, `tileSize` is not a
    ///   multiple of 16 pixels of at least 64, or `overlap` is not a multiple of 8 pixels of at least 0 (ComfyUI's node
    ///   offers multiples of 32 for both).
    public func decodeTiled(_ latent: Tensor, tileSize: Int = 512, overlap: Int = 64) throws(TensorError) -> Tensor {
        let operation = "AutoencoderKL.decodeTiled"
        try checkLatent(latent, operation: operation)
        let factor = config.scaleFactor
        let (tile, shared) = try checkedTiling(tileSize: tileSize, overlap: overlap, operation: operation)
        let passes = try tiledPasses(tile: tile / factor, overlap: shared / factor, numerator: factor, denominator: 1)
        return try eachImage(of: latent) { image throws(TensorError) in
            try pixelImage(
                averaged(passes.reversed()) { pass throws(TensorError) in
                    try pass(image, outputChannels: config.outputChannels) { region throws(TensorError) in try decoder(region) }
                })
        }
    }

    /// `encode(_:)` in overlapping tiles, as ComfyUI's VAEEncodeTiled: the image is cropped like `encode`'s, then three
    /// tiled passes of the encoder, with tiles of `tileSize` pixels squared, half as tall and twice as wide, and twice
    /// as tall and half as wide, each blended with feathered edges over `overlap / 8` latent positions, are averaged.
    /// The overlap is reduced to a quarter of the tile when larger, as for `decodeTiled`.
    ///
    /// Memory is bounded by the tile: the encoder only runs on tiles of at most `tileSize²` pixels, so its activations
    /// are those of encoding a `tileSize × tileSize` image whatever the input's size; the input itself, the blended
    /// latent and its weights grow with the image.
    /// - Throws: `TensorError.invalidShapes` when `image` does not fit `encode`, or the sizes are not as `decodeTiled`
    ///   requires.
    public func encodeTiled(_ image: Tensor, tileSize: Int = 512, overlap: Int = 64) throws(TensorError) -> Tensor {
        let operation = "AutoencoderKL.encodeTiled"
        let (tile, shared) = try checkedTiling(tileSize: tileSize, overlap: overlap, operation: operation)
        let passes = try tiledPasses(tile: tile, overlap: shared, numerator: 1, denominator: config.scaleFactor)
        return try eachImage(of: modelInput(image, operation: operation)) { pixels throws(TensorError) in
            try averaged(passes) { pass throws(TensorError) in
                try pass(pixels, outputChannels: config.latentChannels) { region throws(TensorError) in try encoder(region) }
            }
        }
    }

    /// The tile size and the overlap to use, in pixels: the overlap reduced to `tileSize / 4` (rounded down to whole
    /// latent positions) when larger, as ComfyUI's tiled nodes do.
    /// - Throws: `TensorError.invalidShapes` naming `operation` unless `tileSize` is a multiple of twice the scale
    ///   factor (16 pixels) and at least 8 times it (64), and `overlap` a multiple of the scale factor and at least 0.
    func checkedTiling(tileSize: Int, overlap: Int, operation: String) throws(TensorError) -> (tile: Int, overlap: Int) {
        let factor = config.scaleFactor
        guard tileSize >= 8 * factor, tileSize % (2 * factor) == 0, overlap >= 0, overlap % factor == 0 else {
            throw .invalidShapes(
                operation: operation, shapes: [],
                reason: "tile size \(tileSize) must be a multiple of \(2 * factor) and at least \(8 * factor) pixels, and overlap \(overlap) "
                    + "a multiple of \(factor) pixels")
        }
        return (tileSize, min(overlap, tileSize / 4 / factor * factor))
    }

    /// ComfyUI's three tiled passes for a tile of `tile` input positions: square, wide (half as tall, twice as wide) and
    /// tall (twice as tall, half as wide), in the order VAEEncodeTiled sums them (VAEDecodeTiled sums them reversed).
    private func tiledPasses(tile: Int, overlap: Int, numerator: Int, denominator: Int) throws(TensorError) -> [TiledScale] {
        var passes: [TiledScale] = []
        for (height, width) in [(tile, tile), (tile / 2, tile * 2), (tile * 2, tile / 2)] {
            passes.append(
                try TiledScale(tileHeight: height, tileWidth: width, overlap: overlap, numerator: numerator, denominator: denominator))
        }
        return passes
    }

    /// The mean of `body` over `passes`, summed in order.
    private func averaged(_ passes: [TiledScale], _ body: (TiledScale) throws(TensorError) -> Tensor) throws(TensorError) -> Tensor {
        var sum = try body(passes[0])
        for pass in passes.dropFirst() {
            try sum += body(pass)
        }
        return sum / Float(passes.count)
    }
}
