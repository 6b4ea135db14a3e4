public import WeftCore
import WeftRemote

/// `LLMChat` ("LLM Chat", Weft only): one chat completion from an OpenAI-compatible service
/// (`/v1/chat/completions`), returned as STRING.
///
/// The answer is streamed so progress shows while it is written. Failed calls are retried with backoff (429, 5xx,
/// connection errors); errors say what happened (bad key, unknown model, quota, content filter, timeout). The
/// result is cached like any node's unless `non_deterministic` is set.
public struct LLMChat: Node {
    private let services: RemoteNodeServices

    /// The node, with its secrets and settings from `services`.
    public init(services: RemoteNodeServices) {
        self.services = services
    }

    /// `system_prompt`, `user_prompt`, `json_mode` and the shared chat settings; outputs STRING `text`.
    public var schema: NodeSchema {
        NodeSchema(
            className: "LLMChat",
            displayName: "LLM Chat (OpenAI-compatible)",
            category: "remote/llm",
            description: "Asks an OpenAI-compatible chat service (OpenAI, DashScope, Ollama, vLLM, llama.cpp, LM Studio) and returns its answer.",
            module: "weft.remote",
            inputs: [
                .string("system_prompt", default: "", multiline: true),
                .string("user_prompt", default: "", multiline: true),
            ] + ChatNodeSettings.inputs + [
                .boolean("json_mode", default: false, tooltip: "Ask for a JSON object answer (response_format json_object).")
            ],
            outputs: [OutputSpec("STRING", name: "text")],
            isAPINode: true
        )
    }

    /// Asks the service and returns its answer.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let user = try inputs.string("user_prompt")
        guard !user.isEmpty else { throw RemoteNodeError.emptyInput("user_prompt") }
        let settings = try ChatNodeSettings(
            inputs, system: try inputs.string("system_prompt"), user: user,
            jsonMode: try inputs.bool("json_mode"), services: services)
        return NodeOutput(.string(try await settings.answer(context: context)))
    }

    /// See ``ChatNodeSettings/fingerprint(_:services:)``.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        ChatNodeSettings.fingerprint(inputs, services: services)
    }
}
