/// One channel of an RGBA pixel, by ComfyUI's names (the `channel` input of LoadImageMask and ImageToMask).
public enum ColorChannel: String, Sendable, CaseIterable {
    /// Red, channel 0.
    case red
    /// Green, channel 1.
    case green
    /// Blue, channel 2.
    case blue
    /// Alpha, channel 3.
    case alpha

    /// The channel's position in an RGBA pixel.
    public var index: Int {
        switch self {
        case .red: 0
        case .green: 1
        case .blue: 2
        case .alpha: 3
        }
    }
}
