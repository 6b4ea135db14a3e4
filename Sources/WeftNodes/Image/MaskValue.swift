public import WeftCore
public import WeftTensor

/// A `MASK` flowing between nodes: a Float32 `[batch, height, width]` tensor, 1 where the mask applies (ComfyUI's
/// convention: a transparent pixel of a loaded image is 1).
public struct MaskValue: CustomValue {
    /// The batch of masks.
    public var tensor: Tensor

    /// Wraps a mask batch.
    public init(_ tensor: Tensor) {
        self.tensor = tensor
    }

    /// `"MASK"`.
    public var typeName: String { "MASK" }
    /// `MASK [1, 512, 512]`.
    public var summary: String { "MASK \(tensor.shape)" }
    /// Four bytes per element.
    public var byteCount: Int { tensor.count * MemoryLayout<Float>.size }
}
