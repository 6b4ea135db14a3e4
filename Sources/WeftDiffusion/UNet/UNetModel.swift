public import WeftTensor

/// An SD-family UNet that predicts the noise in a latent (ComfyUI's `openaimodel.UNetModel`, as SD1.x and SD2.x
/// checkpoints use it): a timestep-embedding MLP, input blocks of residual blocks, spatial transformers and stride-2
/// downsampling convolutions, a middle block, output blocks that join each input block's result back in (skip
/// connections) and upsample, and a group norm, SiLU and convolution to the output channels.
///
/// Build it from a checkpoint's weights with `init(weights:attentionHeads:)`; every tensor's shape is checked against
/// the detected structure, so a bad checkpoint fails there with the key at fault rather than during sampling.
public struct UNetModel: Sendable {
    /// The structure the model was built with.
    public let config: UNetConfig
    /// The timestep MLP (`time_embed.0` and `.2`, a SiLU between them).
    let timeInput: LinearLayer
    let timeOutput: LinearLayer
    /// `input_blocks`, `middle_block` and `output_blocks`, each block a list of layers run in order.
    let inputBlocks: [[UNetLayer]]
    let middleBlock: [UNetLayer]
    let outputBlocks: [[UNetLayer]]
    /// `out.0` and `out.2`: group norm, then (after a SiLU) the convolution to the output channels.
    let outNorm: GroupNormLayer
    let outConvolution: Conv2DLayer

    /// The predicted noise (`[B, out, H, W]`) in the latent `x` (`[B, in, H, W]`) at `timesteps` (one per batch entry,
    /// possibly fractional), conditioned on `context` (`[B, S, contextWidth]`, the text encoder's output). Any height
    /// and width of at least 1 work: as in ComfyUI, each upsampling matches the size of the skip connection it joins.
    ///
    /// Heavy work (GEMMs, norms) uses every core; run it through `TensorCompute.run` from async code.
    /// - Throws: `TensorError.invalidShapes` naming the shapes when `x` is not 4-D with the model's input channels and
    ///   a non-empty image, the number of timesteps differs from the batch, or `context` is not `[B, S, contextWidth]`.
    public func forward(_ x: Tensor, timesteps: [Float], context: Tensor) throws(TensorError) -> Tensor {
        try checkInputs(x, timesteps: timesteps, context: context)
        let frequencies = try sinusoidalTimestepEmbedding(timesteps, width: config.modelChannels)
        let activatedEmbedding = try silu(timeOutput(silu(timeInput(frequencies))))
        func run(_ block: [UNetLayer], _ input: Tensor, skipSize: (Int, Int)?) throws(TensorError) -> Tensor {
            var hidden = input
            for layer in block {
                hidden = try layer(hidden, activatedEmbedding: activatedEmbedding, context: context, skipSize: skipSize)
            }
            return hidden
        }

        var hidden = x
        var skips: [Tensor] = []
        for block in inputBlocks {
            hidden = try run(block, hidden, skipSize: nil)
            skips.append(hidden)
        }
        hidden = try run(middleBlock, hidden, skipSize: nil)
        for block in outputBlocks {
            // Built with one output block per input block, so a skip connection is always left here.
            hidden = try concat([hidden, skips.removeLast()], dimension: 1)
            hidden = try run(block, hidden, skipSize: skips.last.map { ($0.shape[2], $0.shape[3]) })
        }
        return try outConvolution(silu(outNorm(hidden)))
    }

    /// Checks the shapes `forward` needs, naming them all when one does not fit.
    private func checkInputs(_ x: Tensor, timesteps: [Float], context: Tensor) throws(TensorError) {
        func failure(_ reason: String) -> TensorError {
            .invalidShapes(operation: "UNetModel.forward", shapes: [x.shape, context.shape], reason: reason)
        }
        guard x.rank == 4, x.shape[0] > 0, x.shape[1] == config.inChannels, x.shape[2] > 0, x.shape[3] > 0 else {
            throw failure("the latent must be [B, \(config.inChannels), H, W] with B, H and W at least 1")
        }
        guard timesteps.count == x.shape[0] else {
            throw failure("\(timesteps.count) timesteps were given for a batch of \(x.shape[0])")
        }
        guard context.rank == 3, context.shape[0] == x.shape[0], context.shape[1] > 0 else {
            throw failure("the context must be [\(x.shape[0]), S, width] with S at least 1, one per latent in the batch")
        }
        if let width = config.contextWidth, context.shape[2] != width {
            throw failure("the context is \(context.shape[2]) wide but the model attends to \(width)-wide context")
        }
    }
}
