public import WeftTensor

/// A `MASK` flowing between nodes: a Float32 `[batch, height, width]` tensor, 1 where the mask applies (ComfyUI's
/// convention: a transparent pixel of a loaded image is 1).
public struct MaskValue: TensorValue {
    /// The batch of masks.
    public var tensor: Tensor
    /// `"MASK"`.
    public var typeName: String { "MASK" }

    /// Wraps a mask batch.
    public init(_ tensor: Tensor) {
        self.tensor = tensor
    }
}
