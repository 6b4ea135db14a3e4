public import WeftTensor

/// An `IMAGE` flowing between nodes: a Float32 `[batch, height, width, channels]` tensor with values in 0...1
/// (3 channels, RGB, unless a node says otherwise), as ComfyUI passes images.
public struct ImageValue: TensorValue {
    /// The batch of images.
    public var tensor: Tensor
    /// `"IMAGE"`.
    public var typeName: String { "IMAGE" }

    /// Wraps an image batch.
    public init(_ tensor: Tensor) {
        self.tensor = tensor
    }
}
