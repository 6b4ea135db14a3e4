/// The architecture numbers of an SD1.x text encoder (Hugging Face's `CLIPTextModel` layout, as ComfyUI's SD1 loader
/// expects it) that fix every weight's key and shape.
public struct SD1TextEncoderLayout: Equatable, Sendable {
    /// Width of the hidden state.
    public var width: Int
    /// Number of encoder layers.
    public var layers: Int
    /// Inner width of each layer's MLP.
    public var mlpWidth: Int
    /// Number of token embeddings.
    public var vocabularySize: Int
    /// Number of position embeddings: the token window.
    public var positionCount: Int

    /// A text encoder with these numbers; the vocabulary and window default to CLIP's 49408 tokens and 77 positions.
    public init(width: Int, layers: Int, mlpWidth: Int, vocabularySize: Int = 49408, positionCount: Int = 77) {
        self.width = width
        self.layers = layers
        self.mlpWidth = mlpWidth
        self.vocabularySize = vocabularySize
        self.positionCount = positionCount
    }

    /// Stable Diffusion 1.5's text encoder, OpenAI's CLIP ViT-L/14 text tower: width 768, 12 layers, MLP 3072.
    public static let sd15 = SD1TextEncoderLayout(width: 768, layers: 12, mlpWidth: 3072)

    /// Every weight's key (after `keyPrefix`) and shape, sorted by key. There is no text projection and no
    /// `position_ids` buffer: SD1 never uses the one, and the other is not a weight.
    public func tensors(keyPrefix: String = CheckpointDetection.Prefix.clip) -> [CheckpointTensorSpec] {
        var list = CheckpointTensorList(prefix: keyPrefix)
        list.add("embeddings.token_embedding.weight", [vocabularySize, width])
        list.add("embeddings.position_embedding.weight", [positionCount, width])
        for layer in 0..<layers {
            let path = "encoder.layers.\(layer)"
            for projection in ["q_proj", "k_proj", "v_proj", "out_proj"] {
                list.linear("\(path).self_attn.\(projection)", input: width, output: width)
            }
            list.normalization("\(path).layer_norm1", channels: width)
            list.normalization("\(path).layer_norm2", channels: width)
            list.linear("\(path).mlp.fc1", input: width, output: mlpWidth)
            list.linear("\(path).mlp.fc2", input: mlpWidth, output: width)
        }
        list.normalization("final_layer_norm", channels: width)
        return list.sortedByKey
    }
}
