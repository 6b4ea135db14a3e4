/// How a UNet splits each attention layer's channels into heads: checkpoints do not record it (the projections are
/// plain `[channels, channels]` matrices), so it comes from the model family.
public enum UNetAttentionHeads: Sendable, Equatable, CustomStringConvertible {
    /// The same number of heads at every level, each `channels / count` wide (ComfyUI's `num_heads`; SD1.x uses 8).
    case count(Int)
    /// Heads of a fixed width, `channels / width` of them at each level (ComfyUI's `num_head_channels`; SD2.x uses 64).
    case width(Int)

    /// The number of heads and the width of each for an attention layer over `channels` channels, or nil when the
    /// channels do not split evenly.
    public func split(channels: Int) -> (heads: Int, headWidth: Int)? {
        switch self {
        case .count(let heads):
            guard heads > 0, channels % heads == 0 else { return nil }
            return (heads, channels / heads)
        case .width(let width):
            guard width > 0, channels % width == 0 else { return nil }
            return (channels / width, width)
        }
    }

    /// `8 heads` or `heads of 64 channels`.
    public var description: String {
        switch self {
        case .count(let heads): "\(heads) heads"
        case .width(let width): "heads of \(width) channels"
        }
    }
}
