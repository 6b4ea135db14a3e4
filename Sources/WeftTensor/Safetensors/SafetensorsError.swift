/// Why reading or writing a safetensors file failed, naming the file and, where there is one, the tensor, e.g.
/// `model.safetensors: tensor "conv.weight": data ends at byte 4096 but the data section has only 2048 bytes`.
public struct SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The category of a failure.
    public enum Kind: String, Equatable, Sendable {
        /// The file could not be opened, mapped, written or renamed.
        case io = "I/O error"
        /// The file is shorter than the 8-byte header length.
        case fileTooSmall = "file too small"
        /// The header length is over the limit or runs past the end of the file.
        case headerLengthInvalid = "invalid header length"
        /// The header is not a JSON object, or its `__metadata__` is not a map of strings.
        case headerNotJSON = "invalid header JSON"
        /// A tensor entry lacks `dtype`, `shape` or `data_offsets`, or one of them has the wrong form.
        case invalidEntry = "invalid tensor entry"
        /// A tensor's dtype is not one this reader knows.
        case unknownDType = "unknown dtype"
        /// A tensor's shape and dtype do not add up to the length of its byte range.
        case sizeMismatch = "size mismatch"
        /// A tensor's byte range runs past the end of the data section (the file may be truncated).
        case outOfBounds = "data out of bounds"
        /// Two tensors' byte ranges overlap.
        case overlap = "overlapping tensors"
        /// No tensor has the requested name.
        case noSuchTensor = "no such tensor"
        /// The writer was given inconsistent input: a value count that does not match the shape, a duplicate or
        /// reserved name.
        case invalidArgument = "invalid argument"
    }

    /// The category of the failure.
    public var kind: Kind
    /// The file's path, as given by the caller.
    public var file: String
    /// The tensor concerned, if the failure concerns one.
    public var tensor: String?
    /// What went wrong, in English.
    public var message: String

    /// Makes an error of `kind` about `file` (and `tensor`, if any).
    public init(_ kind: Kind, file: String, tensor: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.tensor = tensor
        self.message = message
    }

    /// The file, the tensor and the message, e.g. `a.safetensors: tensor "w": unknown dtype "F8"`.
    public var description: String {
        if let tensor {
            return "\(file): tensor \"\(tensor)\": \(message)"
        }
        return "\(file): \(message)"
    }
}
