/// A loaded model component (a UNet, a text encoder, a VAE) held by reference, so that every node value and prompt
/// using it shares one copy of its weights, and `SharedModelCache` can find it again while it is alive.
public final class SharedModel<Component: Sendable>: Sendable {
    /// The component.
    public let component: Component
    /// Where it came from, for summaries and errors: the file name and the part, e.g. `v1-5.safetensors (unet)`.
    public let source: String
    /// Approximate memory held by its weights, in bytes.
    public let byteCount: Int

    /// Wraps `component`, loaded from `source`, holding `byteCount` bytes.
    public init(_ component: Component, source: String, byteCount: Int) {
        self.component = component
        self.source = source
        self.byteCount = byteCount
    }
}
