extension JSONValue {
    /// The value as Python's `repr` writes the equivalent object (`['a', 'b']`, `True`, `None`, `8.0`), used where
    /// ComfyUI's messages embed Python reprs (e.g. "'x' not in ['a', 'b']").
    public var pythonRepr: String {
        switch self {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .integer(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "nan" }
            if number.isInfinite { return number > 0 ? "inf" : "-inf" }
            return Self.pythonFloatText(number)
        case .string(let text): return Self.pythonStringRepr(text)
        case .array(let elements): return "[" + elements.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { Self.pythonStringRepr($0.key) + ": " + $0.value.pythonRepr }.joined(separator: ", ") + "}"
        }
    }

    private static func pythonStringRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var body = ""
        for character in text {
            switch character {
            case "\\": body += "\\\\"
            case "\n": body += "\\n"
            case "\r": body += "\\r"
            case "\t": body += "\\t"
            case quote: body += "\\" + String(quote)
            default: body.append(character)
            }
        }
        return String(quote) + body + String(quote)
    }
}

extension Value {
    /// The value as Python's `str` writes it: strings raw, numbers as `repr`, booleans `True`/`False`, null as
    /// `None`; payloads as their summary.
    public var pythonText: String {
        switch self {
        case .string(let text): text
        default: json?.pythonRepr ?? summary
        }
    }
}
