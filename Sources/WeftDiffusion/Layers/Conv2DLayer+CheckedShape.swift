import WeftTensor

extension Conv2DLayer {
    /// Reads a square convolution whose kernel must be exactly `[outChannels, inChannels, kernelSize, kernelSize]` and
    /// whose bias must be `[outChannels]` (every UNet and VAE convolution has one), so a mis-shaped or missing tensor
    /// is reported by key when the model is built rather than as a shape error while running.
    /// - Throws: `ModelWeightsError` naming the key when the kernel or bias is missing or has another shape.
    init(
        _ weights: ModelWeights, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int
    ) throws(ModelWeightsError) {
        _ = try weights.tensor("weight", shape: [outChannels, inChannels, kernelSize, kernelSize])
        _ = try weights.tensor("bias", shape: [outChannels])
        try self.init(weights, inChannels: inChannels, stride: stride, padding: padding)
    }
}
