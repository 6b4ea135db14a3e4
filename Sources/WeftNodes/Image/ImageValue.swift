public import WeftCore
public import WeftTensor

/// An `IMAGE` flowing between nodes: a Float32 `[batch, height, width, channels]` tensor with values in 0...1
/// (3 channels, RGB, unless a node says otherwise), as ComfyUI passes images.
public struct ImageValue: CustomValue {
    /// The batch of images.
    public var tensor: Tensor

    /// Wraps an image batch.
    public init(_ tensor: Tensor) {
        self.tensor = tensor
    }

    /// `"IMAGE"`.
    public var typeName: String { "IMAGE" }
    /// `IMAGE [1, 512, 512, 3]`.
    public var summary: String { "IMAGE \(tensor.shape)" }
    /// Four bytes per element.
    public var byteCount: Int { tensor.count * MemoryLayout<Float>.size }
}
