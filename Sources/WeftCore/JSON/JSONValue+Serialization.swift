import OrderedCollections

/// How ``JSONValue/serialized(style:)`` lays out text.
public enum JSONStyle: Sendable, Equatable {
    /// No spaces, UTF-8 as is: the smallest text, for wire messages and storage.
    case compact
    /// Python `json.dumps` defaults (`", "` and `": "` separators, non-ASCII escaped as `\uXXXX`), so text
    /// Weft writes is byte-identical to what ComfyUI writes for the same value (e.g. PNG text chunks).
    case python
    /// Python `json.dumps(value, indent=4)`: one item per line, four spaces per level, `","` at line ends, `": "`
    /// after keys, non-ASCII escaped (what ComfyUI's PreviewAny shows for structured values).
    case pythonIndented
}

extension JSONValue {
    /// The value as JSON text.
    public func serialized(style: JSONStyle = .compact) -> String {
        var output = ""
        write(into: &output, style: style)
        return output
    }

    /// Appends the value's JSON text to `output`.
    public func write(into output: inout String, style: JSONStyle) {
        write(into: &output, style: style, depth: 0)
    }

    private func write(into output: inout String, style: JSONStyle, depth: Int) {
        let asciiOnly = style != .compact
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .double(let number): output += Self.pythonFloatText(number)
        case .string(let text): Self.writeString(text, into: &output, asciiOnly: asciiOnly)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                Self.writeItemBreak(first: index == 0, style: style, depth: depth, into: &output)
                element.write(into: &output, style: style, depth: depth + 1)
            }
            Self.writeClosingBreak(empty: elements.isEmpty, style: style, depth: depth, into: &output)
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                Self.writeItemBreak(first: index == 0, style: style, depth: depth, into: &output)
                Self.writeString(member.key, into: &output, asciiOnly: asciiOnly)
                output += style == .compact ? ":" : ": "
                member.value.write(into: &output, style: style, depth: depth + 1)
            }
            Self.writeClosingBreak(empty: members.isEmpty, style: style, depth: depth, into: &output)
            output += "}"
        }
    }

    /// What goes before an item of a container at `depth`: a separator after the first, and with indentation a new
    /// line indented one level deeper than the container.
    private static func writeItemBreak(first: Bool, style: JSONStyle, depth: Int, into output: inout String) {
        switch style {
        case .compact: if !first { output += "," }
        case .python: if !first { output += ", " }
        case .pythonIndented: output += (first ? "\n" : ",\n") + String(repeating: " ", count: 4 * (depth + 1))
        }
    }

    /// With indentation, a non-empty container closes on its own line at its own depth.
    private static func writeClosingBreak(empty: Bool, style: JSONStyle, depth: Int, into output: inout String) {
        if style == .pythonIndented, !empty { output += "\n" + String(repeating: " ", count: 4 * depth) }
    }

    /// A double as Python's `repr` spells it (`8.0`, `1e-05`, `NaN`, `Infinity`).
    static func pythonFloatText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        // Python's repr switches to exponent notation at 1e16, Swift's description already at 2^53. Every
        // double in between is a whole number (spacing 2) whose shortest repr is its exact value.
        if number.magnitude >= 0x1p53, number.magnitude < 1e16 { return String(Int64(number)) + ".0" }
        return number.description
    }

    static func writeString(_ text: String, into output: inout String, asciiOnly: Bool) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    appendEscaped(scalar, into: &output)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, into output: inout String) {
        if scalar.value > 0xFFFF {
            let offset = scalar.value - 0x10000
            appendUnit(UInt16(0xD800 + (offset >> 10)), into: &output)
            appendUnit(UInt16(0xDC00 + (offset & 0x3FF)), into: &output)
        } else {
            appendUnit(UInt16(scalar.value), into: &output)
        }
    }

    private static func appendUnit(_ unit: UInt16, into output: inout String) {
        let hex = String(unit, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serialized() }
}
