extension ModelWeights {
    /// The square convolution under `scope` (`<scope>weight` must be exactly `[out, in, kernel, kernel]`), padded by
    /// `kernel / 2` on every side as the UNet's convolutions are.
    /// - Throws: `ModelWeightsError` naming the key when the kernel is missing or has another shape, or the bias does
    ///   not fit.
    func convolution(_ scope: String, in inChannels: Int, out outChannels: Int, kernel: Int, stride: Int = 1)
        throws(ModelWeightsError) -> Conv2DLayer
    {
        let layer = scoped(scope)
        _ = try layer.tensor("weight", shape: [outChannels, inChannels, kernel, kernel])
        return try Conv2DLayer(layer, stride: stride, padding: kernel / 2)
    }
}
