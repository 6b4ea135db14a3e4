import Foundation

/// Turns a short description or a list of facts (a trip's cities, weather, dates, mood) into a concrete painting
/// prompt for a text-to-image model: the built-in instructions for the chat model, and the clean-up of its answer.
public enum PaintingPromptWriter {
    /// The system prompt: what a good text-to-image prompt holds, and that the answer is the prompt alone.
    public static let instructions = """
        You write prompts for a text-to-image model. From the user's facts or short description, write one \
        concrete, vivid painting prompt in English: the scene and its subject, the place and landmarks, time of \
        day, season and weather, light, colour palette, composition and viewpoint, and an art style and medium. \
        Turn abstract facts into things that can be seen (a distance becomes a long road, a mood becomes light and \
        colour). Do not invent facts that contradict the input. Use at most 120 words, as comma-separated phrases \
        or short sentences. Answer with the prompt only: no title, no quotes, no explanation.
        """

    /// The user message: the facts, and the style to aim for when one is given.
    public static func request(facts: String, style: String) -> String {
        let trimmedStyle = style.trimmingCharacters(in: .whitespacesAndNewlines)
        let facts = facts.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmedStyle.isEmpty ? facts : "\(facts)\n\nStyle: \(trimmedStyle)"
    }

    /// The prompt in a model's answer: surrounding whitespace, a leading `Prompt:` label, Markdown emphasis or
    /// code fences and enclosing quotes removed.
    public static func prompt(fromAnswer answer: String) -> String {
        var text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("```") {
            text = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                .filter { !$0.hasPrefix("```") }.joined(separator: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let label = text.firstMatch(of: #/^\*{0,2}(?i:(?:painting |image )?prompt)\*{0,2}\s*:\s*\*{0,2}\s*/#) {
            text = String(text[label.range.upperBound...])
        }
        for (open, close) in [("\"", "\""), ("“", "”"), ("'", "'")] where text.count >= 2 && text.hasPrefix(open) && text.hasSuffix(close) {
            text = String(text.dropFirst().dropLast())
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
