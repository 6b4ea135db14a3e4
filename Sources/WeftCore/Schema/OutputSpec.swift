/// One declared output of a node.
public struct OutputSpec: Sendable, Hashable {
    /// The type name, e.g. `"LATENT"`.
    public var type: String
    /// The display name; ComfyUI shows the type when absent.
    public var name: String?
    /// Whether one run yields a list of items on this slot (`OUTPUT_IS_LIST`).
    public var isList: Bool
    public var tooltip: String?

    public init(_ type: String, name: String? = nil, isList: Bool = false, tooltip: String? = nil) {
        self.type = type
        self.name = name
        self.isList = isList
        self.tooltip = tooltip
    }
}
