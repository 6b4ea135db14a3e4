/// Everything a node declares about itself: identity, inputs, outputs and flags.
///
/// The same type describes nodes written in Swift and nodes described at run time by a plugin process, so
/// the validator, the executor and `/object_info` treat both alike.
public struct NodeSchema: Sendable, Hashable {
    /// The registry key, e.g. `"StringConcatenate"`.
    public var className: String
    /// The name shown in menus; the class name when absent.
    public var displayName: String?
    /// Menu path, `/`-separated. ComfyUI's default is `"sd"`.
    public var category: String
    public var description: String
    /// Where the node comes from, in `/object_info`'s `python_module` terms (`"nodes"`, `"custom_nodes.x"`).
    public var module: String
    /// Inputs in declaration order (widget order), all sections together.
    public let inputs: [InputSpec]
    public var outputs: [OutputSpec]
    /// A sink: selected for execution by a prompt.
    public var isOutputNode: Bool
    /// The node is called once with whole lists instead of once per item (`INPUT_IS_LIST`).
    public var inputIsList: Bool
    /// Include the node id in the cache key, so identical nodes never share results (`NOT_IDEMPOTENT`).
    public var notIdempotent: Bool
    public var isDeprecated: Bool
    public var isExperimental: Bool
    public var isAPINode: Bool

    private let indexByName: [String: Int]

    public init(
        className: String,
        displayName: String? = nil,
        category: String = "sd",
        description: String = "",
        module: String = "nodes",
        inputs: [InputSpec] = [],
        outputs: [OutputSpec] = [],
        isOutputNode: Bool = false,
        inputIsList: Bool = false,
        notIdempotent: Bool = false,
        isDeprecated: Bool = false,
        isExperimental: Bool = false,
        isAPINode: Bool = false
    ) {
        self.className = className
        self.displayName = displayName
        self.category = category
        self.description = description
        self.module = module
        self.inputs = inputs
        self.outputs = outputs
        self.isOutputNode = isOutputNode
        self.inputIsList = inputIsList
        self.notIdempotent = notIdempotent
        self.isDeprecated = isDeprecated
        self.isExperimental = isExperimental
        self.isAPINode = isAPINode
        self.indexByName = Self.index(inputs)
    }

    /// The input declared with this name, in any section.
    public func input(named name: String) -> InputSpec? {
        indexByName[name].map { inputs[$0] }
    }

    private static func index(_ inputs: [InputSpec]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, input) in inputs.enumerated() where index[input.name] == nil {
            index[input.name] = position
        }
        return index
    }
}
