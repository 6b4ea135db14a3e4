public import WeftCore
import WeftRemote

/// `LLMPromptEnhancer` ("LLM Painting Prompt", Weft only): turns a short description or a list of facts (a trip's
/// cities, weather, dates, mood) into a concrete painting prompt for a text-to-image model, through an
/// OpenAI-compatible chat service with built-in instructions (``PaintingPromptWriter``).
public struct LLMPromptEnhancer: Node {
    private let services: RemoteNodeServices

    /// The node, with its secrets and settings from `services`.
    public init(services: RemoteNodeServices) {
        self.services = services
    }

    /// `description`, `style` and the shared chat settings; outputs STRING `prompt`.
    public var schema: NodeSchema {
        NodeSchema(
            className: "LLMPromptEnhancer",
            displayName: "LLM Painting Prompt",
            category: "remote/llm",
            description: "Writes a concrete painting prompt from a short description or a list of facts, with an OpenAI-compatible chat service.",
            module: "weft.remote",
            inputs: [
                .string("description", default: "", multiline: true, tooltip: "A short description or facts, one per line."),
                .string("style", default: "", tooltip: "An art style to aim for (\"watercolour travel poster\"); empty lets the model choose."),
            ] + ChatNodeSettings.inputs,
            outputs: [OutputSpec("STRING", name: "prompt")],
            isAPINode: true
        )
    }

    /// Asks the service for the prompt and returns it cleaned of labels and quotes.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let facts = try inputs.string("description")
        guard !facts.allSatisfy(\.isWhitespace) else { throw RemoteNodeError.emptyInput("description") }
        let user = PaintingPromptWriter.request(facts: facts, style: try inputs.string("style"))
        let settings = try ChatNodeSettings(
            inputs, system: PaintingPromptWriter.instructions, user: user, jsonMode: false, services: services)
        let answer = try await settings.answer(context: context)
        return NodeOutput(.string(PaintingPromptWriter.prompt(fromAnswer: answer)))
    }

    /// See ``ChatNodeSettings/fingerprint(_:services:)``.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        ChatNodeSettings.fingerprint(inputs, services: services)
    }
}
