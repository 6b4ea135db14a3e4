import WeftCore

/// The kinds of remote text-to-image service a workflow can name, with each one's defaults and how to build a
/// provider for it from a node's settings.
public enum ImageProviderKind: String, Sendable, CaseIterable {
    /// An OpenAI-compatible images API (`/images/generations`).
    case openai
    /// A DashScope-style asynchronous task API.
    case dashscope
    /// A ComfyUI-compatible server (ComfyUI itself, or another Weft).
    case comfyui

    /// The API root used when a workflow leaves the base URL empty.
    public var defaultBaseURL: String {
        switch self {
        case .openai: "https://api.openai.com/v1"
        case .dashscope: DashScopeImageProvider.defaultBaseURL
        case .comfyui: "http://127.0.0.1:8188"
        }
    }

    /// The model used when a workflow leaves the model empty (for ComfyUI, the checkpoint file name).
    public var defaultModel: String {
        switch self {
        case .openai: "gpt-image-1"
        case .dashscope: "wan2.2-t2i-flash"
        case .comfyui: "v1-5-pruned-emaonly.safetensors"
        }
    }

    /// Whether the service cannot be used without an API key.
    public var requiresKey: Bool { self == .dashscope }

    /// A provider for this kind of service.
    ///
    /// - Parameters:
    ///   - workflow: for ComfyUI, an API-format workflow with `{{prompt}}`-style placeholders; empty for the
    ///     standard text-to-image template. Ignored by the other kinds.
    ///   - timeout: the longest a whole generation may take.
    /// - Throws: `RemoteServiceError.invalidRequest` when the workflow is not JSON.
    public func provider(
        baseURL: String, apiKey: String?, model: String, workflow: String, timeout: Duration, retryPolicy: RetryPolicy
    ) throws(RemoteServiceError) -> any TextToImageProvider {
        let transport = AsyncHTTPTransport(timeout: timeout)
        let timing = RemoteJobTiming(deadline: timeout)
        let downloader = ImageDownloader(retryPolicy: retryPolicy)
        switch self {
        case .openai:
            // gpt-image models always answer inline and refuse the response_format parameter.
            return OpenAIImagesProvider(
                baseURL: baseURL, apiKey: apiKey, responseFormat: model.hasPrefix("gpt-image") ? nil : "b64_json", transport: transport,
                retryPolicy: retryPolicy, downloader: downloader)
        case .dashscope:
            return DashScopeImageProvider(
                baseURL: baseURL, apiKey: apiKey ?? "", transport: transport, retryPolicy: retryPolicy, timing: timing, downloader: downloader)
        case .comfyui:
            return ComfyUIImageProvider(
                baseURL: baseURL, apiKey: apiKey, template: try Self.template(workflow), transport: transport, retryPolicy: retryPolicy,
                timing: timing, downloader: downloader)
        }
    }

    private static func template(_ text: String) throws(RemoteServiceError) -> ComfyWorkflowTemplate {
        guard !text.allSatisfy(\.isWhitespace) else { return .standard }
        guard let workflow = try? JSONParser().parse(Array(text.utf8)), workflow.objectValue != nil else {
            throw .invalidRequest("the workflow is not an API-format JSON object")
        }
        return ComfyWorkflowTemplate(workflow)
    }
}
