public import OrderedCollections

/// The outputs of one node for one prompt, after list mapping: the items on each output slot and the merged UI data.
public struct NodeResult: Sendable {
    /// Items per output slot.
    public var slots: [[Value]]
    /// UI data for the client and history, or nil when the node returned none.
    public var ui: OrderedDictionary<String, [JSONValue]>?

    public init(slots: [[Value]], ui: OrderedDictionary<String, [JSONValue]>? = nil) {
        self.slots = slots
        self.ui = ui
    }

    /// The UI data as a JSON object (`{"images": [...]}`), or nil.
    public var uiJSON: JSONValue? {
        ui.map { .object($0.mapValues(JSONValue.array)) }
    }

    /// Approximate memory held, for the cache's bound.
    public var byteCount: Int {
        let values = slots.reduce(0) { total, items in items.reduce(total) { $0 + $1.byteCount } }
        return values + (uiJSON?.serialized().utf8.count ?? 0)
    }
}
