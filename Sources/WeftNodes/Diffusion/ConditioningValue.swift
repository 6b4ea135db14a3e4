public import WeftCore
public import WeftDiffusion
import WeftTensor

/// A `CONDITIONING` flowing between nodes: the list of encoded prompts (with areas and strengths) a sampler is
/// guided by.
public struct ConditioningValue: CustomValue {
    /// The entries, in order.
    public var entries: [ConditioningEntry]

    /// Wraps a list of entries.
    public init(_ entries: [ConditioningEntry]) {
        self.entries = entries
    }

    /// `"CONDITIONING"`.
    public var typeName: String { "CONDITIONING" }
    /// `CONDITIONING 1 × [1, 77, 768]`.
    public var summary: String {
        "CONDITIONING " + entries.map { "\($0.context.shape)" }.joined(separator: ", ")
    }
    /// Four bytes per element of every context and pooled output.
    public var byteCount: Int {
        entries.reduce(0) { $0 + ($1.context.count + ($1.pooled?.count ?? 0)) * MemoryLayout<Float>.size }
    }
}
