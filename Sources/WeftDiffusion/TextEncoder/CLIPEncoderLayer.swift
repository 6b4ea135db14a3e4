import WeftTensor

/// One pre-norm transformer layer of a CLIP text model, read from `layer_norm1.`, `self_attn.`, `layer_norm2.`,
/// `mlp.fc1.` and `mlp.fc2.`: causal self-attention then an MLP, each applied to the layer-normalised input and added
/// back onto it.
struct CLIPEncoderLayer: Sendable {
    /// `layer_norm1`, before the attention.
    let attentionNorm: LayerNormLayer
    /// `self_attn`.
    let attention: CausalSelfAttention
    /// `layer_norm2`, before the MLP.
    let mlpNorm: LayerNormLayer
    /// `fc1`, width → MLP width.
    let expand: LinearLayer
    /// `fc2`, MLP width → width.
    let contract: LinearLayer
    /// Applied between `fc1` and `fc2`.
    let activation: CLIPActivation

    /// Reads the layer under `weights`' scope for a model `width` wide; the MLP width comes from `mlp.fc1.weight`.
    /// - Throws: `ModelWeightsError` naming the key when a tensor is missing or does not fit `width`.
    init(_ weights: ModelWeights, width: Int, config: CLIPTextConfig) throws(ModelWeightsError) {
        attentionNorm = try LayerNormLayer(weights.scoped("layer_norm1."), features: width, epsilon: config.layerNormEpsilon)
        attention = try CausalSelfAttention(weights.scoped("self_attn."), width: width, heads: config.heads)
        mlpNorm = try LayerNormLayer(weights.scoped("layer_norm2."), features: width, epsilon: config.layerNormEpsilon)
        expand = try LinearLayer(weights.scoped("mlp.fc1."), inFeatures: width)
        contract = try LinearLayer(weights.scoped("mlp.fc2."), inFeatures: expand.outFeatures, outFeatures: width)
        activation = config.activation
    }

    /// Runs the layer on `hidden` (`[batch, length, width]`) in place; `mask` is the causal mask for `length`.
    func callAsFunction(_ hidden: inout Tensor, mask: Tensor) throws(TensorError) {
        try hidden += attention(attentionNorm(hidden), mask: mask)
        try hidden += contract(activation(expand(mlpNorm(hidden))))
    }
}
