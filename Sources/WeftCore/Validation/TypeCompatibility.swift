/// ComfyUI's rule for whether an output type may feed an input type.
enum TypeCompatibility {
    /// Equal names match; `*` on either side matches anything; otherwise both are split on `,` and match when
    /// the sets share a member (so `"INT,FLOAT"` accepts `INT`). A combo input accepts `COMBO` and `STRING`.
    static func accepts(input: InputType, received: String) -> Bool {
        if received == "*" { return true }
        switch input {
        case .combo: return received == "COMBO" || received == "STRING"
        case .named(let expected):
            if expected == received || expected == "*" { return true }
            let expectedSet = Set(expected.split(separator: ",").map { $0.trimmingWhitespace() })
            return received.split(separator: ",").contains { expectedSet.contains($0.trimmingWhitespace()) }
        }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
