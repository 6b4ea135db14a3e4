import Foundation
public import WeftCore

/// `FloatMath` ("Float Math", Weft only): one arithmetic operation on two floats.
///
/// Follows IEEE 754 rather than throwing: `x / 0` is ±infinity, `0 / 0` and `x modulo 0` are NaN, and an
/// overflowing `power` is infinity. `modulo` takes the divisor's sign, as Python's `%` does
/// (`-7.5 % 2 == 0.5`); `min` and `max` pick as Python's `min`/`max` do (the first when neither is smaller).
public struct FloatMath: Node {
    /// `a`, `b` (FLOAT) and `operation`; one FLOAT output.
    public let schema = NodeSchema(
        className: "FloatMath",
        displayName: "Float Math",
        category: "utils/math",
        description: "Adds, subtracts, multiplies, divides, takes the modulo, power, minimum or maximum of two floats.",
        module: "weft.utils",
        inputs: [.float("a"), .float("b"), MathOperation.comboInput],
        outputs: [OutputSpec("FLOAT")]
    )

    /// The node.
    public init() {}

    /// `a operation b`.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let result = Self.apply(try MathOperation.read(from: inputs), try inputs.double("a"), try inputs.double("b"))
        return NodeOutput(.double(result))
    }

    /// `a operation b` with IEEE semantics and Python's modulo sign rule.
    public static func apply(_ operation: MathOperation, _ a: Double, _ b: Double) -> Double {
        switch operation {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .modulo:
            let remainder = fmod(a, b)
            if remainder == 0 { return Double(signOf: b, magnitudeOf: 0) }
            return (remainder < 0) != (b < 0) ? remainder + b : remainder
        case .power: return pow(a, b)
        case .min: return b < a ? b : a
        case .max: return b > a ? b : a
        }
    }
}
