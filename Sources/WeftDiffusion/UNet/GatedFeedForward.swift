import WeftTensor

/// The transformer blocks' feed-forward network with a GELU-gated hidden layer (ComfyUI's `FeedForward` with GEGLU):
/// one projection to twice the hidden width, whose first half is multiplied by GELU of its second half, then a
/// projection back.
struct GatedFeedForward: Sendable {
    /// The most bytes of the widest intermediate, `[rows, 2·hidden]`, in one pass: long inputs run in slices of rows
    /// this small, so the intermediates stay in cache and are reused from the allocator's heap instead of being
    /// mapped and zeroed afresh (SD1.5's 64×64 latent would otherwise make 84 MB of them per block).
    static let sliceBytes = 8 << 20

    /// `[2·hidden, channels]`: the values and the gates.
    let projection: LinearLayer
    /// `[channels, hidden]`.
    let output: LinearLayer

    /// Reads `net.0.proj` and `net.2` under `weights`' scope; the hidden width is read from `net.2`.
    /// - Throws: `ModelWeightsError` naming the key of a missing or mis-shaped tensor.
    init(_ weights: ModelWeights, channels: Int) throws(ModelWeightsError) {
        let output = try LinearLayer(weights.scoped("net.2."), outFeatures: channels)
        projection = try LinearLayer(weights.scoped("net.0.proj."), inFeatures: channels, outFeatures: 2 * output.inFeatures)
        self.output = output
    }

    /// The network applied to each token of `x` (`[B, L, channels]`).
    func callAsFunction(_ x: Tensor) throws(TensorError) -> Tensor {
        let channels = projection.inFeatures
        let rows = x.count / max(1, channels)
        let sliceRows = max(1, Self.sliceBytes / (MemoryLayout<Float>.size * projection.outFeatures))
        guard rows > sliceRows else {
            return try output(geglu(projection(x)))
        }
        let tokens = try x.reshaped([rows, channels])
        var slices: [Tensor] = []
        for start in stride(from: 0, to: rows, by: sliceRows) {
            let slice = try tokens.view.narrowed(dimension: 0, start: start, length: min(sliceRows, rows - start)).contiguous()
            slices.append(try output(geglu(projection(slice))))
        }
        return try concat(slices, dimension: 0).reshaped(x.shape)
    }
}
