/// The shapes of well-known API keys and bearer credentials, for finding secrets that no configuration names:
/// a key pasted into a prompt text or echoed in an error.
enum KeyShapes {
    /// Key formats of widely used services: `sk-…` (OpenAI, DashScope, Anthropic, DeepSeek and many
    /// OpenAI-compatible services), `AIza…` (Google), `hf_…` (Hugging Face), `ghp_…` and kin (GitHub),
    /// `xoxb-…` and kin (Slack), `r8_…` (Replicate).
    nonisolated(unsafe) static let keys =
        #/sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,}|hf_[A-Za-z0-9]{30,}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9\-]{10,}|r8_[A-Za-z0-9]{30,}/#

    /// A bearer credential as written in an `Authorization` header.
    nonisolated(unsafe) static let bearer = #/(?i:bearer)\s+[A-Za-z0-9._~+\/=\-]{16,}/#

    /// The substrings of `text` that have a key's shape, in order.
    static func keys(in text: String) -> [Substring] {
        text.matches(of: keys).map { text[$0.range] }
    }
}
