/// The architecture of an SD-family UNet (ComfyUI's `openaimodel.UNetModel` with spatial transformers, predicting
/// noise): the few settings a checkpoint does not record, and the structure read from its weights' shapes.
///
/// Build one with `init(detectingFrom:attentionHeads:)`; `description` lists what was detected, e.g. for an error
/// saying which model family a checkpoint is not.
public struct UNetConfig: Sendable, Equatable, CustomStringConvertible {
    /// How attention layers split into heads; not recorded in checkpoints.
    public var attentionHeads: UNetAttentionHeads
    /// The channel groups of every group normalisation (32 throughout SD-family UNets).
    public var normGroups: Int = 32
    /// The epsilon of the group norms in residual blocks and before the output convolution (PyTorch's default).
    public var residualNormEpsilon: Float = 1e-5
    /// The epsilon of the group norm opening each spatial transformer.
    public var transformerNormEpsilon: Float = 1e-6
    /// The epsilon of the layer norms inside transformer blocks (PyTorch's default).
    public var layerNormEpsilon: Float = 1e-5

    /// Channels of the latent the model takes.
    public var inChannels: Int
    /// Channels of the noise prediction it returns.
    public var outChannels: Int
    /// Channels after the first convolution; each level has `modelChannels` times its multiplier.
    public var modelChannels: Int
    /// One multiplier per resolution level, finest first.
    public var channelMultipliers: [Int]
    /// Residual blocks per level on the way down (the way up has one more per level).
    public var resBlocksPerLevel: [Int]
    /// Transformer blocks after each residual block on the way down, in order (0: no spatial transformer).
    public var inputTransformerDepths: [Int]
    /// Transformer blocks in the middle block, or nil when the middle block is a single residual block.
    public var middleTransformerDepth: Int?
    /// Transformer blocks in each output block, in the order they run (coarsest first).
    public var outputTransformerDepths: [Int]
    /// Width of the cross-attention context (the text encoder's hidden size), or nil without transformers.
    public var contextWidth: Int?
    /// Whether spatial transformers project in and out with linear layers (SD2.x) rather than 1×1 convolutions.
    public var linearProjection: Bool
    /// Width of the timestep embedding after its MLP.
    public var timeEmbeddingWidth: Int

    /// A configuration given field by field; the defaults are those of every SD-family UNet.
    public init(
        attentionHeads: UNetAttentionHeads, inChannels: Int, outChannels: Int, modelChannels: Int, channelMultipliers: [Int],
        resBlocksPerLevel: [Int], inputTransformerDepths: [Int], middleTransformerDepth: Int?, outputTransformerDepths: [Int],
        contextWidth: Int?, linearProjection: Bool, timeEmbeddingWidth: Int
    ) {
        self.attentionHeads = attentionHeads
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.modelChannels = modelChannels
        self.channelMultipliers = channelMultipliers
        self.resBlocksPerLevel = resBlocksPerLevel
        self.inputTransformerDepths = inputTransformerDepths
        self.middleTransformerDepth = middleTransformerDepth
        self.outputTransformerDepths = outputTransformerDepths
        self.contextWidth = contextWidth
        self.linearProjection = linearProjection
        self.timeEmbeddingWidth = timeEmbeddingWidth
    }

    /// The channels of resolution level `level`.
    func channels(level: Int) -> Int {
        modelChannels * channelMultipliers[level]
    }

    /// One line listing the detected structure, e.g. `in 4, out 4 channels; model channels 320 × [1, 2, 4, 4]; …`.
    public var description: String {
        let middle = middleTransformerDepth.map(String.init) ?? "none"
        let context = contextWidth.map(String.init) ?? "none"
        return "in \(inChannels), out \(outChannels) channels; model channels \(modelChannels) × \(channelMultipliers); "
            + "res blocks \(resBlocksPerLevel); transformer depth input \(inputTransformerDepths), middle \(middle), "
            + "output \(outputTransformerDepths); context \(context); "
            + "\(linearProjection ? "linear" : "1×1 convolution") projections; time embedding \(timeEmbeddingWidth); "
            + "\(attentionHeads)"
    }
}
