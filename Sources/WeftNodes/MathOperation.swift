import WeftCore

/// The operations of ``IntMath`` and ``FloatMath``, in the order their `operation` combo lists them.
public enum MathOperation: String, Sendable, CaseIterable {
    /// `a + b`.
    case add
    /// `a - b`.
    case subtract
    /// `a * b`.
    case multiply
    /// `a / b` (floor division for integers).
    case divide
    /// `a % b`, with the divisor's sign.
    case modulo
    /// `a ** b`.
    case power
    /// The smaller of `a` and `b`.
    case min
    /// The larger of `a` and `b`.
    case max

    /// The `operation` combo input both math nodes declare.
    static var comboInput: InputSpec { .combo("operation", allCases.map(\.rawValue)) }

    /// Reads the `operation` input.
    static func read(from inputs: NodeInputs) throws -> MathOperation {
        let name = try inputs.string("operation")
        guard let operation = MathOperation(rawValue: name) else { throw MathNodeError.unknownOperation(name) }
        return operation
    }
}
