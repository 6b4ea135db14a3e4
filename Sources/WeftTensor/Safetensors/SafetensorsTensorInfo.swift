/// What a safetensors header says about one tensor: its element type, its shape and where its bytes are.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    /// The element type.
    public var dtype: SafetensorsDType
    /// The dimensions, outermost first; empty for a 0-d scalar.
    public var shape: [Int]
    /// The tensor's bytes, as offsets from the start of the data section (after the header).
    public var dataRange: Range<Int>

    /// Makes a description of a tensor of `dtype` and `shape` stored at `dataRange` in the data section.
    public init(dtype: SafetensorsDType, shape: [Int], dataRange: Range<Int>) {
        self.dtype = dtype
        self.shape = shape
        self.dataRange = dataRange
    }

    /// The number of elements: the product of the shape (1 for a 0-d scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
