public import WeftTensor

/// One entry of a CONDITIONING list: the text encoder's output for a prompt, with where and how strongly it
/// applies. A CONDITIONING value is an array of these; the sampler averages the predictions of all entries.
public struct ConditioningEntry: Sendable {
    /// The cross-attention context, `[B, tokens, width]` (B is usually 1 and repeats over the latent batch).
    public var context: Tensor
    /// The pooled text embedding, `[B, width]`, when the encoder gives one.
    public var pooled: Tensor?
    /// The latent rectangle this entry applies to; nil for the whole latent.
    public var area: LatentArea?
    /// The weight of this entry's prediction where it applies.
    public var strength: Float

    /// An entry over the whole latent with strength 1 unless given otherwise.
    public init(context: Tensor, pooled: Tensor? = nil, area: LatentArea? = nil, strength: Float = 1) {
        self.context = context
        self.pooled = pooled
        self.area = area
        self.strength = strength
    }

    /// The entry with its context and pooled output replaced by zeros (ConditioningZeroOut).
    public func zeroedOut() -> ConditioningEntry {
        var zeroed = self
        zeroed.context = Tensor.zeros(context.shape)
        zeroed.pooled = pooled.map { Tensor.zeros($0.shape) }
        return zeroed
    }
}
