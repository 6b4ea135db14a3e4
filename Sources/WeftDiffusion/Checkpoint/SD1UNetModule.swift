/// One module of an SD1.x UNet in forward order, with the resolution it runs at: what both the checkpoint's key list
/// and a cost estimate are derived from.
public struct SD1UNetModule: Equatable, Sendable {
    /// What the module computes, with the sizes its weights have.
    public enum Kind: Equatable, Sendable {
        /// The timestep embedding MLP (`time_embed.0` and `.2`): `modelChannels` → `width` → `width`.
        case timeEmbedding(modelChannels: Int, width: Int)
        /// A plain 3×3 convolution (the stem, `input_blocks.0.0`).
        case convolution(inChannels: Int, outChannels: Int)
        /// A residual block: two 3×3 convolutions with the timestep embedding (`embeddingWidth` wide) added between,
        /// and a 1×1 skip convolution when the channel counts differ.
        case residualBlock(inChannels: Int, outChannels: Int, embeddingWidth: Int)
        /// A spatial transformer of `depth` blocks (self-attention, cross-attention to a `contextWidth`-wide context,
        /// GEGLU feed-forward) between input and output projections that are 1×1 convolutions or linear layers.
        case spatialTransformer(channels: Int, depth: Int, contextWidth: Int, linearProjection: Bool)
        /// A stride-2 3×3 convolution halving the resolution (`op`).
        case downsample(channels: Int)
        /// Nearest ×2 upsampling followed by a 3×3 convolution (`conv`) at the doubled resolution.
        case upsample(channels: Int)
        /// The final group normalisation and 3×3 convolution (`out.0`, `out.2`).
        case outputHead(inChannels: Int, outChannels: Int)
    }

    /// The module's key path without the component prefix, e.g. `input_blocks.4.1` or `time_embed`.
    public var path: String
    /// What it computes.
    public var kind: Kind
    /// The resolution of its input: the latent's height and width divided by 2^level (0 for the timestep MLP).
    public var level: Int

    /// The module at `path` computing `kind` on input at resolution `level`.
    public init(path: String, kind: Kind, level: Int) {
        self.path = path
        self.kind = kind
        self.level = level
    }
}
