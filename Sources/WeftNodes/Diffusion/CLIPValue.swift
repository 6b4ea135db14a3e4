public import WeftCore
public import WeftDiffusion

/// A `CLIP` flowing between nodes: a loaded text encoder and the layer its output is taken from (CLIPSetLastLayer's
/// clip skip; -1 is the last layer).
public struct CLIPValue: CustomValue {
    /// The shared encoder.
    public var encoder: SharedModel<CLIPTextEncoder>
    /// Which layer's hidden state conditions the model: -1 the last, -2 the penultimate, ….
    public var clipSkip: Int

    /// The encoder with its output taken at `clipSkip`.
    public init(encoder: SharedModel<CLIPTextEncoder>, clipSkip: Int = -1) {
        self.encoder = encoder
        self.clipSkip = clipSkip
    }

    /// `"CLIP"`.
    public var typeName: String { "CLIP" }
    /// `CLIP model.safetensors (clip), layer -1`.
    public var summary: String { "CLIP \(encoder.source), layer \(clipSkip)" }
    /// The encoder's weights.
    public var byteCount: Int { encoder.byteCount }
}
