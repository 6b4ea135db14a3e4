/// An element type a safetensors file can hold, named as in the file's header (`"F16"`, `"BF16"` …).
public enum SafetensorsDType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// IEEE binary64.
    case f64 = "F64"
    /// IEEE binary32.
    case f32 = "F32"
    /// IEEE binary16.
    case f16 = "F16"
    /// bfloat16: the top 16 bits of a binary32.
    case bf16 = "BF16"
    /// Signed 64-bit integer.
    case i64 = "I64"
    /// Signed 32-bit integer.
    case i32 = "I32"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Signed 8-bit integer.
    case i8 = "I8"
    /// Unsigned 8-bit integer.
    case u8 = "U8"
    /// Boolean, one byte per element (0 is false, anything else true).
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64: 8
        case .f32, .i32: 4
        case .f16, .bf16, .i16: 2
        case .i8, .u8, .bool: 1
        }
    }

    /// The name used in the file's header, such as `F16`.
    public var description: String { rawValue }
}
