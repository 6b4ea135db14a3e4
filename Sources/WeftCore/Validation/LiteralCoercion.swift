import Foundation

/// Converts a literal ("widget value") to the declared input type, as ComfyUI's validation does, with three
/// deliberate differences that turn silent surprises into clear errors:
///
/// - `BOOLEAN`: ComfyUI applies Python truthiness, so the string `"false"` becomes `true`. Weft reads the strings
///   `"true"`/`"false"` (any case) and `"1"`/`"0"` as what they say and rejects other strings.
/// - `STRING`: ComfyUI turns `null` into the text `"None"` and objects into Python reprs. Weft accepts strings,
///   numbers and booleans (written as Python writes them: `3`, `3.0`, `True`) and rejects `null`, arrays and objects.
/// - `FLOAT`/`INT`: `NaN` and the infinities are rejected (ComfyUI lets them through its min/max checks).
///
/// As in ComfyUI: `INT` truncates finite floats and parses integer strings (`"3"`, not `"3.5"`); booleans count as
/// 1 and 0; other declared types (sockets such as `*`) take the literal as it is.
enum LiteralCoercion {
    /// Why a literal could not be converted: the exception text ComfyUI would report.
    struct Failure: Error {
        var reason: String
    }

    static func coerce(_ literal: JSONValue, to type: InputType) -> Result<Value, Failure> {
        switch type {
        case .combo: .success(Value(literal))
        case .named("INT"): integer(literal).map(Value.int)
        case .named("FLOAT"): float(literal).map(Value.double)
        case .named("STRING"): string(literal).map(Value.string)
        case .named("BOOLEAN"): boolean(literal).map(Value.bool)
        case .named: .success(Value(literal))
        }
    }

    private static func integer(_ literal: JSONValue) -> Result<Int128, Failure> {
        switch literal {
        case .integer(let number): return .success(number)
        case .bool(let flag): return .success(flag ? 1 : 0)
        case .double(let number):
            guard number.isFinite, let truncated = Int128(exactly: number.rounded(.towardZero)) else {
                return .failure(Failure(reason: "cannot convert float \(JSONValue.pythonFloatText(number)) to integer"))
            }
            return .success(truncated)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let number = Int128(trimmed.replacingOccurrences(of: "_", with: "")), !trimmed.hasPrefix("_") else {
                return .failure(Failure(reason: "invalid literal for int() with base 10: '\(text)'"))
            }
            return .success(number)
        default:
            return .failure(Failure(reason: "int() argument must be a string or a number, not '\(literal.typeName)'"))
        }
    }

    private static func float(_ literal: JSONValue) -> Result<Double, Failure> {
        let number: Double
        switch literal {
        case .integer(let value): number = Double(value)
        case .double(let value): number = value
        case .bool(let flag): number = flag ? 1 : 0
        case .string(let text):
            guard let parsed = Double(text.trimmingCharacters(in: .whitespaces)) else {
                return .failure(Failure(reason: "could not convert string to float: '\(text)'"))
            }
            number = parsed
        default:
            return .failure(Failure(reason: "float() argument must be a string or a number, not '\(literal.typeName)'"))
        }
        guard number.isFinite else {
            return .failure(Failure(reason: "\(JSONValue.pythonFloatText(number)) is not a finite number"))
        }
        return .success(number)
    }

    private static func string(_ literal: JSONValue) -> Result<String, Failure> {
        switch literal {
        case .string(let text): .success(text)
        case .integer(let number): .success(String(number))
        case .double(let number): .success(JSONValue.pythonFloatText(number))
        case .bool(let flag): .success(flag ? "True" : "False")
        default: .failure(Failure(reason: "expected a string, not \(literal.typeName)"))
        }
    }

    private static func boolean(_ literal: JSONValue) -> Result<Bool, Failure> {
        switch literal {
        case .bool(let flag): return .success(flag)
        case .integer(let number): return .success(number != 0)
        case .double(let number) where !number.isNaN: return .success(number != 0)
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": return .success(true)
            case "false", "0": return .success(false)
            default: return .failure(Failure(reason: "expected true or false, not the string '\(text)'"))
            }
        default:
            return .failure(Failure(reason: "expected true or false, not \(literal.typeName)"))
        }
    }
}
