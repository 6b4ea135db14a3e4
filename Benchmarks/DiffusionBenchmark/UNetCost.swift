// Floating-point operations of one UNet evaluation, counted from the checkpoint layout.
import WeftBenchmarkSupport
import WeftDiffusion

/// The multiply-accumulates of one UNet evaluation of a batch of `batch` latents of `height` × `width`, conditioned on
/// `contextTokens` context rows: every convolution, linear layer and attention matrix product the layout's modules
/// run (normalisations, activations, softmax and additions are not counted).
func unetMultiplyAccumulates(_ layout: SD1UNetLayout, batch: Int, height: Int, width: Int, contextTokens: Int) -> Double {
    var total = 0.0
    for module in layout.modules {
        let tokens = Double((height >> module.level) * (width >> module.level))
        switch module.kind {
        case .timeEmbedding(let modelChannels, let embedding):
            total += Double(modelChannels * embedding + embedding * embedding)
        case .convolution(let input, let output):
            total += tokens * 9 * Double(input * output)
        case .residualBlock(let input, let output, let embedding):
            let skip = input == output ? 0 : tokens * Double(input * output)
            total += tokens * 9 * Double(input * output + output * output) + skip + Double(embedding * output)
        case .spatialTransformer(let channels, let depth, let contextWidth, _):
            let c = Double(channels)
            let context = Double(contextTokens)
            let feedForward = Double(SD1UNetLayout.feedForwardExpansion) * 3 * c * c  // GEGLU in (2×) and out (1×)
            let selfAttention = 4 * c * c * tokens + 2 * tokens * tokens * c  // q, k, v, out; scores and weighted sum
            let crossAttention = 2 * c * c * tokens + 2 * context * Double(contextWidth) * c + 2 * tokens * context * c
            total += 2 * c * c * tokens + Double(depth) * (selfAttention + crossAttention + feedForward * tokens)
        case .downsample(let channels):
            total += tokens / 4 * 9 * Double(channels * channels)
        case .upsample(let channels):
            total += tokens * 4 * 9 * Double(channels * channels)
        case .outputHead(let input, let output):
            total += tokens * 9 * Double(input * output)
        }
    }
    return total * Double(batch)
}
