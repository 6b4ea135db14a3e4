public import WeftCore

/// ComfyUI's `ComfySwitchNode` ("Switch"): passes `on_true` or `on_false` through depending on `switch`.
///
/// Both branches are lazy and only the chosen one is ever asked for, so the other branch's upstream nodes
/// never run.
public struct ComfySwitchNode: Node {
    /// `switch`, then the lazy `on_false` and `on_true` branches (any type); one output of the chosen type.
    public let schema = NodeSchema(
        className: "ComfySwitchNode",
        displayName: "Switch",
        category: "logic",
        description: "Passes on_true or on_false through depending on switch; only the chosen branch is evaluated.",
        module: "comfy_extras.nodes_logic",
        inputs: [
            .boolean("switch"),
            .socket("on_false", "*").lazy,
            .socket("on_true", "*").lazy,
        ],
        outputs: [OutputSpec("*", name: "output")]
    )

    /// The node.
    public init() {}

    /// The branch `switch` selects, when it has not been evaluated yet; never the other one.
    public func lazyInputsNeeded(_ inputs: NodeInputs, context: NodeContext) async throws -> [String] {
        let branch = Self.branch(try inputs.bool("switch"))
        return inputs.has(branch) ? [] : [branch]
    }

    /// The chosen branch's value; throws naming the branch when it has no value.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(try inputs.value(Self.branch(try inputs.bool("switch"))))
    }

    /// The input a switch value selects.
    private static func branch(_ flag: Bool) -> String { flag ? "on_true" : "on_false" }
}
