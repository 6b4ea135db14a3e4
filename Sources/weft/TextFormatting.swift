import OrderedCollections
import WeftCore

/// Small text helpers shared by the printers: node labels, durations, truncation.
enum TextFormatting {
    /// `#3 IntMath "My math"`: the id, the class and the user's title when it has one that differs from the class.
    static func nodeLabel(_ id: NodeID, classType: String, title: String?) -> String {
        var label = "#\(id) \(classType)"
        if let title, !title.isEmpty, title != classType { label += " \"\(title)\"" }
        return label
    }

    /// The label of a workflow node; the bare id when the workflow does not have it.
    static func nodeLabel(_ id: NodeID, in workflow: Workflow, classType: String? = nil) -> String {
        guard let node = workflow.nodes[id] else { return classType.map { "#\(id) \($0)" } ?? "#\(id)" }
        return nodeLabel(id, classType: node.classType, title: node.title)
    }

    /// `0.4 ms`, `12 ms`, `3.21 s`, `2 min 5 s`.
    static func duration(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
        if milliseconds < 0.05 { return "<0.1 ms" }
        if milliseconds < 10 { return "\(rounded(milliseconds, places: 1)) ms" }
        if milliseconds < 1_000 { return "\(Int(milliseconds.rounded())) ms" }
        let seconds = milliseconds / 1_000
        if seconds < 60 { return "\(rounded(seconds, places: 2)) s" }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }

    /// The text cut to `limit` characters, with `…` when it was longer.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }

    /// The text on one line: newlines shown as `⏎`, cut to `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        truncated(text.replacingNewlines(), to: limit)
    }

    private static func rounded(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }
}

extension String {
    /// The string with line breaks replaced by `⏎`, for one-line previews.
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? "⏎" : $0 })
    }
}
