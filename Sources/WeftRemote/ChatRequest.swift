/// One chat completion to ask for: the prompts and the sampling settings.
public struct ChatRequest: Sendable, Equatable {
    /// The model name the service knows, such as `qwen-plus` or `llama3.2`.
    public var model: String
    /// The system message; omitted from the request when empty.
    public var systemPrompt: String
    /// The user message.
    public var userPrompt: String
    /// The sampling temperature; the service's default when nil.
    public var temperature: Double?
    /// The most tokens to generate; the service's default when nil.
    public var maxTokens: Int?
    /// The sampling seed, for services that honour one.
    public var seed: Int?
    /// Whether to ask for a JSON object answer (`response_format: {"type": "json_object"}`).
    public var jsonMode: Bool

    /// Creates a request.
    public init(
        model: String, systemPrompt: String = "", userPrompt: String, temperature: Double? = nil, maxTokens: Int? = nil,
        seed: Int? = nil, jsonMode: Bool = false
    ) {
        self.model = model
        self.systemPrompt = systemPrompt
        self.userPrompt = userPrompt
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
        self.jsonMode = jsonMode
    }
}
