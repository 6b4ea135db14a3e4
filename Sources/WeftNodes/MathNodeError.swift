/// Why ``IntMath`` or ``FloatMath`` could not compute a result.
public enum MathNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The exact result does not fit in a 128-bit integer.
    case overflow(MathOperation, Int128, Int128)
    /// Integer `divide` by zero.
    case divisionByZero
    /// Integer `modulo` by zero.
    case moduloByZero
    /// Integer `power` with a negative exponent (the result would not be an integer).
    case negativeExponent(Int128)
    /// The `operation` input names no known operation.
    case unknownOperation(String)

    /// A message naming the operation and operands at fault.
    public var description: String {
        switch self {
        case .overflow(let operation, let a, let b):
            "integer overflow: \(operation.rawValue) of \(a) and \(b) does not fit in 128 bits"
        case .divisionByZero: "integer division by zero"
        case .moduloByZero: "integer modulo by zero"
        case .negativeExponent(let exponent): "integer power with a negative exponent (\(exponent)) is not an integer"
        case .unknownOperation(let name):
            "unknown operation '\(name)'; expected one of \(MathOperation.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
