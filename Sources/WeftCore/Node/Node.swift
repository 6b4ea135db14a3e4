/// A node type: its schema and its behaviour. Built-in nodes and plugin nodes both conform.
///
/// Only ``schema`` and ``run(_:context:)`` are required; the hooks mirror ComfyUI's optional class
/// methods and default to "no opinion".
public protocol Node: Sendable {
    /// The node's declaration. It is read once per validation, so it may list files from disk.
    var schema: NodeSchema { get }

    /// Computes the outputs for one call (one item of each input, or whole lists for `inputIsList` nodes).
    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput

    /// ComfyUI's `check_lazy_status`: given the inputs evaluated so far (unevaluated lazy inputs are absent),
    /// the names of lazy inputs the node needs before it can run. The executor asks again after evaluating
    /// them, until nothing new is needed. The default needs every connected lazy input.
    func lazyInputsNeeded(_ inputs: NodeInputs, context: NodeContext) async throws -> [String]

    /// ComfyUI's `IS_CHANGED`: a fingerprint of outside state the literal inputs do not capture (a file's
    /// contents, the clock). Called with literal inputs only; nil (the default) means there is none.
    func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint?

    /// Inputs whose built-in min/max/choice checks ``validateInputs(_:)`` replaces (ComfyUI: the inputs named
    /// as arguments of `VALIDATE_INPUTS`).
    var customValidatedInputs: Set<String> { get }

    /// ComfyUI's `VALIDATE_INPUTS`: extra checks on the literal inputs (linked inputs are absent).
    /// Returns the failures, none by default.
    func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure]
}

/// One input rejected by a node's own validation hook.
public struct InputValidationFailure: Sendable, Equatable {
    public var inputName: String
    public var message: String

    public init(inputName: String, message: String) {
        self.inputName = inputName
        self.message = message
    }
}

extension Node {
    public func lazyInputsNeeded(_ inputs: NodeInputs, context: NodeContext) async throws -> [String] {
        schema.inputs.filter { $0.isLazy && !inputs.has($0.name) }.map(\.name)
    }

    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? { nil }

    public var customValidatedInputs: Set<String> { [] }

    public func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure] { [] }
}
