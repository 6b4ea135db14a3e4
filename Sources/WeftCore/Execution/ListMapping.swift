import OrderedCollections

/// ComfyUI's list semantics (§6.5): a node is called once per item of its longest input (shorter inputs repeat
/// their last item), or once with whole lists when it declares `inputIsList`; results are concatenated per slot.
enum ListMapping {
    /// The inputs of each call. An input holding no items (an empty list output upstream) means no call at all.
    static func calls(for inputs: [String: [Value]], inputIsList: Bool) -> [NodeInputs] {
        if inputIsList { return [NodeInputs(lists: inputs)] }
        let lengths = inputs.values.map(\.count)
        if lengths.contains(0) { return [] }
        let count = lengths.max() ?? 1
        if count == 1 { return [NodeInputs(lists: inputs)] }
        return (0..<count).map { index in
            NodeInputs(lists: inputs.mapValues { items in [items[Swift.min(index, items.count - 1)]] })
        }
    }

    /// Joins the outputs of every call into one result, checking each call against the declared outputs.
    static func merge(_ outputs: [NodeOutput], declared: [OutputSpec]) throws(NodeContractViolation) -> NodeResult {
        var slots = [[Value]](repeating: [], count: declared.count)
        var ui: OrderedDictionary<String, [JSONValue]>?
        for output in outputs {
            guard output.slots.count == declared.count else {
                throw NodeContractViolation(
                    "returned \(output.slots.count) value\(output.slots.count == 1 ? "" : "s") but declares \(declared.count) output\(declared.count == 1 ? "" : "s")"
                )
            }
            for (index, items) in output.slots.enumerated() {
                guard declared[index].isList || items.count == 1 else {
                    throw NodeContractViolation("returned \(items.count) items on output \(index), which is not a list output")
                }
                slots[index] += items
            }
            if let callUI = output.ui {
                ui = (ui ?? [:]).merging(callUI) { earlier, later in earlier + later }
            }
        }
        return NodeResult(slots: slots, ui: ui)
    }
}

/// A node broke its own declaration (returned the wrong number of outputs, or several items on a single output).
public struct NodeContractViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "node \(reason)" }
}
