public import WeftCore
import WeftRemote

/// `RemoteTextToImage` ("Remote Text to Image", Weft only): paints a prompt with a remote service — an
/// OpenAI-compatible images API, a DashScope-style asynchronous task API, or a ComfyUI-compatible server (which
/// lets one Weft hand work to another) — and returns the images decoded as IMAGE and their URLs as STRING (one per
/// line; empty for images sent inline).
///
/// Progress follows the remote job (queued, sampler steps, downloads); an interrupt cancels the remote job where
/// the service allows. Failed calls are retried with backoff; results are cached by inputs and seed unless
/// `non_deterministic` is set.
public struct RemoteTextToImage: Node {
    private let services: RemoteNodeServices

    /// The node, with its secrets and settings from `services`.
    public init(services: RemoteNodeServices) {
        self.services = services
    }

    /// The prompts, the service, the picture's size, seed and count, and for ComfyUI an optional workflow template.
    public var schema: NodeSchema {
        NodeSchema(
            className: "RemoteTextToImage",
            displayName: "Remote Text to Image",
            category: "remote/image",
            description: "Paints the prompt with a remote text-to-image service and returns the images and their URLs.",
            module: "weft.remote",
            inputs: [
                .string("prompt", default: "", multiline: true),
                .string("negative_prompt", default: "", multiline: true),
                .combo(
                    "provider", ImageProviderKind.allCases.map(\.rawValue),
                    tooltip: "openai: /images/generations; dashscope: asynchronous tasks; comfyui: a ComfyUI-compatible server's /prompt."),
                .string(
                    "model", default: "",
                    tooltip:
                        "The model (for comfyui, the checkpoint); empty for the provider's default. $NAME or ${NAME:-fallback} reads an environment variable."
                ),
                .string(
                    "base_url", default: "",
                    tooltip: "The API root; empty for the provider's default. $NAME or ${NAME:-fallback} reads an environment variable."),
                .string(
                    "api_key_name", default: "",
                    tooltip: "The NAME of the environment variable or secrets.json entry holding the API key; empty for none. Never the key itself."
                ).secretName,
                .int("width", default: 1024, min: 8, max: 8192, step: 8),
                .int("height", default: 1024, min: 8, max: 8192, step: 8),
                .int("seed", default: 0, min: 0, max: 0xffff_ffff_ffff_ffff, controlAfterGenerate: true),
                .int("count", default: 1, min: 1, max: 16),
                .string(
                    "workflow", default: "", multiline: true,
                    tooltip:
                        "comfyui only: an API-format workflow whose string values {{prompt}}, {{negative_prompt}}, {{seed}}, {{width}}, {{height}}, {{count}} and {{model}} are filled in; empty for a standard SD txt2img."
                ),
                .float("timeout_seconds", default: 600, min: 1, max: 7200, step: 1, tooltip: "The longest the whole generation may take."),
                .boolean("non_deterministic", default: false, tooltip: "Paint again on every run instead of reusing the cached images."),
            ],
            outputs: [OutputSpec("IMAGE", name: "images"), OutputSpec("STRING", name: "urls")],
            isAPINode: true
        )
    }

    /// Generates, downloads and decodes the images.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let prompt = try inputs.string("prompt")
        guard !prompt.allSatisfy(\.isWhitespace) else { throw RemoteNodeError.emptyInput("prompt") }
        let kind = try kind(inputs)
        let keyName = try inputs.string("api_key_name")
        if keyName.isEmpty, kind.requiresKey { throw RemoteNodeError.keyRequired(provider: kind.rawValue) }
        let (model, baseURL) = try resolvedSettings(inputs, kind: kind)
        let timeout = try inputs.double("timeout_seconds")
        let provider = try kind.provider(
            baseURL: baseURL, apiKey: try services.apiKey(named: keyName), model: model, workflow: try inputs.string("workflow"),
            timeout: .milliseconds(Int64(timeout * 1000)), retryPolicy: services.retryPolicy)
        let request = TextToImageRequest(
            prompt: prompt, negativePrompt: try inputs.string("negative_prompt"), width: try inputs.int("width"),
            height: try inputs.int("height"), seed: UInt64(clamping: try inputs.int128("seed")), count: try inputs.int("count"), model: model)
        try context.reportProgress(0, of: 1)
        let images = try await provider.generate(request) { progress in Self.report(progress, to: context) }
        let sources = images.enumerated().map { index, image in (image.bytes, image.url ?? "inline image \(index + 1)") }
        let batch = try await DownloadedImageDecoding.batch(sources)
        return NodeOutput(.image(batch), .string(images.compactMap(\.url).joined(separator: "\n")))
    }

    /// Always changed for non-deterministic nodes, else the model and base URL the environment gives.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        services.fingerprint(inputs) {
            let (model, baseURL) = try resolvedSettings(inputs, kind: try kind(inputs))
            return [model, baseURL]
        }
    }

    private func kind(_ inputs: NodeInputs) throws -> ImageProviderKind {
        let name = try inputs.string("provider")
        guard let kind = ImageProviderKind(rawValue: name) else { throw RemoteNodeError.unknownProvider(name) }
        return kind
    }

    /// The model and base URL: environment references resolved, empty ones replaced by the provider's defaults.
    private func resolvedSettings(_ inputs: NodeInputs, kind: ImageProviderKind) throws -> (model: String, baseURL: String) {
        let model = try services.settings.resolve(try inputs.string("model"), field: "model")
        let baseURL = try services.settings.resolve(try inputs.string("base_url"), field: "base_url")
        return (model.isEmpty ? kind.defaultModel : model, baseURL.isEmpty ? kind.defaultBaseURL : baseURL)
    }

    /// Shows remote progress: sampler steps or downloads when counted, else nothing done yet.
    private static func report(_ progress: GenerationProgress, to context: NodeContext) {
        if let value = progress.value, let total = progress.total, total > 0 {
            try? context.reportProgress(value, of: total)
        } else {
            try? context.reportProgress(0, of: 1)
        }
    }
}
