public import WeftTensor

/// A CLIP text transformer as ComfyUI runs it for SD1.x (`comfy.clip_model.CLIPTextModel_`): token and position
/// embeddings, pre-norm layers of causal self-attention and MLP, a final layer normalisation.
///
/// Built from weights scoped at the text model (`embeddings.`, `encoder.layers.N.`, `final_layer_norm.`; in an SD1
/// checkpoint they sit under `cond_stage_model.transformer.text_model.`). The width, layer count, vocabulary, position
/// count and MLP width come from the weights' shapes; the heads, epsilon, activation and end token from the
/// `CLIPTextConfig`.
public struct CLIPTextModel: Sendable {
    /// The settings the weights cannot tell.
    public let config: CLIPTextConfig
    /// `embeddings.`: token and position vectors.
    let embeddings: CLIPEmbeddings
    /// `encoder.layers.0.` onwards, in order.
    let layers: [CLIPEncoderLayer]
    /// `final_layer_norm.`, applied to the selected layer's output and to the pooled output.
    let finalNorm: LayerNormLayer

    /// Reads the model from `weights`, checking every tensor's shape.
    /// - Throws: `ModelWeightsError` naming the key when a tensor is missing or mis-shaped, when there are no encoder
    ///   layers, or when the width does not divide into `config.heads` heads.
    public init(_ weights: ModelWeights, config: CLIPTextConfig) throws(ModelWeightsError) {
        let embeddings = try CLIPEmbeddings(weights.scoped("embeddings."))
        let layerWeights = weights.scoped("encoder.layers.")
        guard let lastLayer = layerWeights.indices().last else {
            throw ModelWeightsError(
                component: weights.component, key: layerWeights.prefix + "0.layer_norm1.weight",
                message: "missing from the checkpoint: the text model has no encoder layers")
        }
        var layers: [CLIPEncoderLayer] = []
        for index in 0...lastLayer {
            layers.append(try CLIPEncoderLayer(layerWeights.scoped("\(index)."), width: embeddings.width, config: config))
        }
        self.config = config
        self.embeddings = embeddings
        self.layers = layers
        self.finalNorm = try LayerNormLayer(
            weights.scoped("final_layer_norm."), features: embeddings.width, epsilon: config.layerNormEpsilon)
    }

    /// The size of every hidden state and of the pooled output.
    public var width: Int { embeddings.width }
    /// The number of transformer layers.
    public var layerCount: Int { layers.count }
    /// The number of token ids the model knows (ids run from 0 to one less).
    public var vocabularySize: Int { embeddings.vocabularySize }
    /// The most tokens one window may hold.
    public var positionCount: Int { embeddings.positionCount }

    /// The index of the layer whose output `clipSkip` selects, as ComfyUI's `CLIPSetLastLayer` and
    /// `SDClipModel.set_clip_options` resolve it: -1 is the last layer, -2 the one before it, and so on; a negative
    /// value reaching past the first layer selects the last one. A value ≥ 0 counts from the first layer (0 is the
    /// first layer's output), and one past the last layer also selects the last.
    public func layerIndex(clipSkip: Int) -> Int {
        let index = clipSkip < 0 ? layers.count + clipSkip : clipSkip
        return layers.indices.contains(index) ? index : layers.count - 1
    }

    /// Encodes a batch of windows of token ids.
    ///
    /// Returns the hidden states after the layer `clipSkip` selects (see `layerIndex(clipSkip:)`) passed through the
    /// final layer normalisation, `[windows, length, width]`, and the pooled output, `[windows, width]`: the last
    /// layer's final-normalised hidden state at each window's first end token (`config.endToken`, or position 0 when
    /// the window has none), unprojected. Every layer runs whatever `clipSkip` is, since the pooled output needs the
    /// last. There is no padding mask: every token attends to itself and all earlier ones.
    /// - Throws: `CLIPTextEncoderError` when there are no windows, they differ in length or are longer than
    ///   `positionCount`, or an id is outside the vocabulary; `TensorError` if an operation refuses its operands.
    public func encode(_ windows: [[Int]], clipSkip: Int) throws -> (hiddenStates: Tensor, pooled: Tensor) {
        try embeddings.validate(windows)
        let length = windows[0].count
        let mask = causalMask(length: length)
        let selectedIndex = layerIndex(clipSkip: clipSkip)
        var hidden = try embeddings(windows)
        var selected: Tensor?
        for (index, layer) in layers.enumerated() {
            try layer(&hidden, mask: mask)
            if index == selectedIndex { selected = hidden }
        }
        let endPositions = windows.enumerated().map { window, ids in
            window * length + (ids.firstIndex(of: config.endToken) ?? 0)
        }
        let pooled = try finalNorm(gatheredRows(hidden.reshaped([windows.count * length, width]), endPositions))
        return (try finalNorm(selected ?? hidden), pooled)
    }
}
