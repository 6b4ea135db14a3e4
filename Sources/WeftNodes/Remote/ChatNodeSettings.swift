import Foundation
import WeftCore
import WeftRemote

/// The inputs LLMChat and LLMPromptEnhancer share (service, model, sampling, limits, caching) and how they become
/// a chat request, a client and a streamed answer with progress.
struct ChatNodeSettings {
    /// The shared inputs, after each node's own prompts.
    static let inputs: [InputSpec] = [
        .string(
            "model", default: "${WEFT_LLM_MODEL:-gpt-4o-mini}",
            tooltip: "The model name the service knows. $NAME or ${NAME:-fallback} reads an environment variable."),
        .string(
            "base_url", default: "${OPENAI_BASE_URL:-https://api.openai.com/v1}",
            tooltip:
                "The OpenAI-compatible API root (…/v1): OpenAI, DashScope compatible mode, Ollama, vLLM, llama.cpp, LM Studio. $NAME or ${NAME:-fallback} reads an environment variable."
        ),
        .string(
            "api_key_name", default: "OPENAI_API_KEY",
            tooltip: "The NAME of the environment variable or secrets.json entry holding the API key; empty for none. Never the key itself."
        ).secretName,
        .float("temperature", default: 0.7, min: 0, max: 2, step: 0.05),
        .int("max_tokens", default: 1024, min: 1, max: 131_072),
        .int(
            "seed", default: 0, min: 0, max: 0x7fff_ffff_ffff_ffff, controlAfterGenerate: true,
            tooltip: "Sent to services that honour it; also part of the cache key, so a new seed asks again."),
        .float("timeout_seconds", default: 120, min: 1, max: 3600, step: 1, tooltip: "The longest wait for the answer to start or go on."),
        .boolean(
            "non_deterministic", default: false,
            tooltip: "Ask the service again on every run instead of reusing the cached answer for the same inputs."),
    ]

    let request: ChatRequest
    let client: OpenAIChatClient
    let timeout: Double

    /// Reads the shared inputs; `system` and `user` are the node's prompts.
    init(_ inputs: NodeInputs, system: String, user: String, jsonMode: Bool, services: RemoteNodeServices) throws {
        let model = try services.settings.resolve(try inputs.string("model"), field: "model")
        let baseURL = try services.settings.resolve(try inputs.string("base_url"), field: "base_url")
        timeout = try inputs.double("timeout_seconds")
        request = ChatRequest(
            model: model, systemPrompt: system, userPrompt: user, temperature: try inputs.double("temperature"),
            maxTokens: try inputs.int("max_tokens"), seed: try inputs.int("seed"), jsonMode: jsonMode)
        client = OpenAIChatClient(
            baseURL: baseURL, apiKey: try services.apiKey(named: try inputs.string("api_key_name")),
            transport: AsyncHTTPTransport(timeout: .milliseconds(Int64(timeout * 1000))), retryPolicy: services.retryPolicy)
    }

    /// Streams the answer, reporting progress as pieces arrive (out of `max_tokens`).
    func answer(context: NodeContext) async throws -> String {
        let total = request.maxTokens ?? 1
        try context.reportProgress(0, of: total)
        let text = try await client.stream(request) { progress in
            try? context.reportProgress(min(progress.chunks, total - 1), of: total)
        }
        try context.reportProgress(total, of: total)
        return text
    }

    /// The cache fingerprint (see ``RemoteNodeServices/fingerprint(_:resolved:)``) over the model and base URL.
    static func fingerprint(_ inputs: NodeInputs, services: RemoteNodeServices) -> Fingerprint? {
        services.fingerprint(inputs) {
            try ["model", "base_url"].map { name in try services.settings.resolve(try inputs.string(name), field: name) }
        }
    }
}
