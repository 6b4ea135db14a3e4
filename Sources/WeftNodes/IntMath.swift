public import WeftCore

/// `IntMath` ("Int Math", Weft only): one arithmetic operation on two integers, with Python's semantics.
///
/// Computes on 128-bit integers and throws ``MathNodeError`` instead of wrapping or trapping: on overflow,
/// division or modulo by zero, and negative powers. `divide` is floor division and `modulo` takes the
/// divisor's sign, as Python's `//` and `%` do (`-7 // 2 == -4`, `-7 % 2 == 1`).
public struct IntMath: Node {
    /// `a`, `b` (INT) and `operation`; one INT output.
    public let schema = NodeSchema(
        className: "IntMath",
        displayName: "Int Math",
        category: "utils/math",
        description: "Adds, subtracts, multiplies, divides (floor), takes the modulo, power, minimum or maximum of two integers.",
        module: "weft.utils",
        inputs: [.int("a"), .int("b"), MathOperation.comboInput],
        outputs: [OutputSpec("INT")]
    )

    /// The node.
    public init() {}

    /// `a operation b`; throws ``MathNodeError`` when there is no integer result.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let result = try Self.apply(MathOperation.read(from: inputs), try inputs.int128("a"), try inputs.int128("b"))
        return NodeOutput(.int(result))
    }

    /// `a operation b` with Python's integer semantics.
    public static func apply(_ operation: MathOperation, _ a: Int128, _ b: Int128) throws(MathNodeError) -> Int128 {
        func checked(_ result: (partialValue: Int128, overflow: Bool)) throws(MathNodeError) -> Int128 {
            guard !result.overflow else { throw .overflow(operation, a, b) }
            return result.partialValue
        }
        switch operation {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .subtract: return try checked(a.subtractingReportingOverflow(b))
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
        case .divide:
            guard b != 0 else { throw .divisionByZero }
            let quotient = try checked(a.dividedReportingOverflow(by: b))
            // Truncation rounds toward zero; floor rounds down when the signs differ and there is a remainder.
            return (a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient
        case .modulo:
            guard b != 0 else { throw .moduloByZero }
            guard b != -1 else { return 0 }  // `Int128.min % -1` traps, and the answer is 0 anyway.
            let remainder = a % b
            return remainder != 0 && ((remainder < 0) != (b < 0)) ? remainder + b : remainder
        case .power:
            guard b >= 0 else { throw .negativeExponent(b) }
            var result: Int128 = 1
            var base = a
            var exponent = b
            while exponent > 0 {
                if exponent & 1 == 1 { result = try checked(result.multipliedReportingOverflow(by: base)) }
                exponent >>= 1
                if exponent > 0 { base = try checked(base.multipliedReportingOverflow(by: base)) }
            }
            return result
        case .min: return Swift.min(a, b)
        case .max: return Swift.max(a, b)
        }
    }
}
