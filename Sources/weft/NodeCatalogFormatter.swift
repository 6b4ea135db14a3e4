import OrderedCollections
import WeftCore

/// Human-readable descriptions of node types for `weft nodes`: a list grouped by category, or one node in detail.
struct NodeCatalogFormatter {
    /// Combos with more choices than this list only the first ones.
    static let listedChoicesLimit = 30

    /// Every node, grouped by category (categories sorted, nodes in registration order within one).
    func listLines(_ schemas: [NodeSchema]) -> [String] {
        var categories: [String: [NodeSchema]] = [:]
        for schema in schemas { categories[schema.category, default: []].append(schema) }
        let nameWidth = min(32, schemas.map(\.className.count).max() ?? 0)
        let displayWidth = min(28, schemas.map { ($0.displayName ?? $0.className).count }.max() ?? 0)
        var lines: [String] = []
        for category in categories.keys.sorted() {
            if !lines.isEmpty { lines.append("") }
            lines.append(category + ":")
            for schema in categories[category]! {
                let display = "\"\(schema.displayName ?? schema.className)\""
                var line = "  " + Self.padded(schema.className, nameWidth) + "  " + Self.padded(display, displayWidth + 2)
                line += "  (" + Self.inputSummary(schema) + ")"
                if !schema.outputs.isEmpty { line += " → " + schema.outputs.map(\.type).joined(separator: ", ") }
                if schema.isOutputNode { line += "  [output]" }
                lines.append(line)
            }
        }
        lines.append("")
        lines.append("\(schemas.count) node type(s). `weft nodes CLASS` shows one in detail; --json prints /object_info.")
        return lines
    }

    /// One node: identity, flags, each input with its type and options, each output.
    func detailLines(_ schema: NodeSchema) -> [String] {
        var lines = ["\(schema.className) — \(schema.displayName ?? schema.className)"]
        lines.append("  category:    \(schema.category)")
        lines.append("  module:      \(schema.module)")
        lines.append("  output node: \(schema.isOutputNode ? "yes" : "no")")
        var flags: [String] = []
        if schema.inputIsList { flags.append("input is list") }
        if schema.notIdempotent { flags.append("not idempotent") }
        if schema.isDeprecated { flags.append("deprecated") }
        if schema.isExperimental { flags.append("experimental") }
        if schema.isAPINode { flags.append("API node") }
        if !flags.isEmpty { lines.append("  flags:       " + flags.joined(separator: ", ")) }
        if !schema.description.isEmpty { lines.append("  description: \(schema.description)") }

        lines.append("inputs:")
        if schema.inputs.isEmpty { lines.append("  (none)") }
        let nameWidth = schema.inputs.map(\.name.count).max() ?? 0
        let typeWidth = schema.inputs.map { Self.typeText($0).count }.max() ?? 0
        for input in schema.inputs {
            var line = "  " + Self.padded(input.name, nameWidth) + "  " + Self.padded(Self.typeText(input), typeWidth)
            line += "  " + Self.padded(input.section.rawValue, 8)
            let details = Self.optionTexts(input)
            if !details.isEmpty { line += "  " + details.joined(separator: "; ") }
            lines.append(line.trimmingTrailingSpaces())
        }

        lines.append("outputs:")
        if schema.outputs.isEmpty { lines.append("  (none)") }
        for (index, output) in schema.outputs.enumerated() {
            var line = "  \(index)  \(output.type)"
            if let name = output.name, name != output.type { line += "  \"\(name)\"" }
            if output.isList { line += "  (list)" }
            if let tooltip = output.tooltip { line += "  — \(tooltip)" }
            lines.append(line)
        }
        return lines
    }

    // MARK: helpers

    /// `a: INT, b: INT, operation: COMBO, extra?: STRING` (hidden inputs left out).
    static func inputSummary(_ schema: NodeSchema) -> String {
        schema.inputs.filter { $0.section != .hidden }.map { input in
            input.name + (input.section == .optional ? "?" : "") + ": " + input.type.name
        }.joined(separator: ", ")
    }

    private static func typeText(_ input: InputSpec) -> String {
        input.isLazy ? input.type.name + " (lazy)" : input.type.name
    }

    /// `default: 0`, `min: 0`, `one of: add, subtract`, `tooltip: …`, in declaration order.
    private static func optionTexts(_ input: InputSpec) -> [String] {
        var texts: [String] = []
        if case .combo(let choices) = input.type {
            let shown = choices.prefix(listedChoicesLimit).map { $0.stringValue ?? $0.serialized() }
            let more = choices.count > listedChoicesLimit ? ", … (\(choices.count) choices)" : ""
            texts.append("one of: " + shown.joined(separator: ", ") + more)
        }
        for (key, value) in input.options where key != "lazy" {
            let text = key == "tooltip" ? TextFormatting.oneLine(value.stringValue ?? value.serialized(), limit: 80) : value.serialized()
            texts.append("\(key): \(text)")
        }
        return texts
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
