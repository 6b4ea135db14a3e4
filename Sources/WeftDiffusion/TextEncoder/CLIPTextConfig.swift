/// The settings of a CLIP text transformer that its weights cannot tell. Everything else (width, layer count,
/// vocabulary, position count, MLP width) is read from the weights' shapes.
public struct CLIPTextConfig: Sendable, Equatable {
    /// Attention heads per layer; must divide the width.
    public var heads: Int
    /// Added to the variance in every layer normalisation.
    public var layerNormEpsilon: Float
    /// The activation between the two linear layers of each MLP.
    public var activation: CLIPActivation
    /// The end-of-text token: the pooled output is the final hidden state at its first occurrence in each window.
    public var endToken: Int

    /// A configuration with `heads` attention heads and, unless given, SD1's epsilon, activation and end token.
    public init(
        heads: Int, layerNormEpsilon: Float = 1e-5, activation: CLIPActivation = .quickGELU,
        endToken: Int = CLIPTokenizer.endToken
    ) {
        self.heads = heads
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
        self.endToken = endToken
    }

    /// SD1.x's text encoder, OpenAI's CLIP ViT-L/14: 12 heads, epsilon 1e-5, quick-GELU, end token 49407.
    public static let sd1 = CLIPTextConfig(heads: 12)
}
