public import OrderedCollections

/// What one call of a node returns: a value per output slot and, optionally, UI data for the client.
public struct NodeOutput: Sendable {
    /// Items per output slot: exactly one for an ordinary slot, any number for a list slot (`OUTPUT_IS_LIST`).
    public var slots: [[Value]]
    /// UI data shown to the client and stored in history (`{"images": [...]}`, `{"text": [...]}`);
    /// calls over a list are merged by concatenating each key's items.
    public var ui: OrderedDictionary<String, [JSONValue]>?

    /// One value per ordinary output slot.
    public init(_ values: Value..., ui: OrderedDictionary<String, [JSONValue]>? = nil) {
        self.slots = values.map { [$0] }
        self.ui = ui
    }

    /// Explicit items per slot, for list outputs.
    public init(slots: [[Value]], ui: OrderedDictionary<String, [JSONValue]>? = nil) {
        self.slots = slots
        self.ui = ui
    }
}
