public import WeftCore
public import WeftTensor

/// A node value that is one tensor (an image or mask batch): its summary shows the shape, its size is the tensor's.
public protocol TensorValue: CustomValue {
    /// The tensor the value carries.
    var tensor: Tensor { get }
}

extension TensorValue {
    /// `IMAGE [1, 512, 512, 3]`.
    public var summary: String { "\(typeName) \(tensor.shape)" }
    /// Four bytes per element.
    public var byteCount: Int { tensor.count * MemoryLayout<Float>.size }
}
