import Foundation

/// ComfyUI's prompt-weighting syntax: `(text)` multiplies the weight of `text` by 1.1 per level of nesting,
/// `(text:1.3)` sets it, and `\(` / `\)` are literal parentheses. Square brackets have no meaning (ComfyUI, unlike
/// other tools, does not down-weight `[text]`).
enum PromptWeights {
    /// The prompt cut into runs of text, each with its weight, in order (ComfyUI's `token_weights` after escaping).
    static func segments(of prompt: String) -> [(text: String, weight: Double)] {
        let escaped = prompt.replacingOccurrences(of: "\\)", with: "\u{0}\u{1}").replacingOccurrences(of: "\\(", with: "\u{0}\u{2}")
        return weighted(escaped, weight: 1.0).map { segment in
            let text = segment.text.replacingOccurrences(of: "\u{0}\u{1}", with: ")").replacingOccurrences(of: "\u{0}\u{2}", with: "(")
            return (text, segment.weight)
        }
    }

    /// Splits `text` at top-level parenthesised groups and weighs each group's inside recursively.
    private static func weighted(_ text: String, weight: Double) -> [(text: String, weight: Double)] {
        var result: [(text: String, weight: Double)] = []
        for part in topLevelParts(of: text) {
            guard part.count >= 2, part.first == "(", part.last == ")" else {
                result.append((part, weight))
                continue
            }
            var inner = String(part.dropFirst().dropLast())
            var innerWeight = weight * 1.1
            if let colon = inner.lastIndex(of: ":"), colon > inner.startIndex,
                let explicit = pythonFloat(inner[inner.index(after: colon)...])
            {
                innerWeight = explicit
                inner = String(inner[..<colon])
            }
            result += weighted(inner, weight: innerWeight)
        }
        return result
    }

    /// ComfyUI's `parse_parentheses`: plain runs and balanced top-level `( … )` groups; an unclosed group runs to
    /// the end, a stray `)` at the top level closes an empty group.
    private static func topLevelParts(of text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(":
                if depth == 0 {
                    if !current.isEmpty { parts.append(current) }
                    current = "("
                } else {
                    current.append(character)
                }
                depth += 1
            case ")":
                depth -= 1
                if depth == 0 {
                    parts.append(current + ")")
                    current = ""
                } else {
                    current.append(character)
                }
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// Python's `float(text)` for the usual spellings (surrounding whitespace allowed), nil where Python raises.
    private static func pythonFloat(_ text: Substring) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let value = Double(trimmed.replacingOccurrences(of: "_", with: "")) else { return nil }
        return value
    }
}
