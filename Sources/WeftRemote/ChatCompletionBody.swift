import OrderedCollections
import WeftCore

/// The JSON body of an OpenAI-compatible `POST /chat/completions` request.
enum ChatCompletionBody {
    /// The body for `request`, streamed or not.
    static func make(_ request: ChatRequest, stream: Bool) -> JSONValue {
        var messages: [JSONValue] = []
        if !request.systemPrompt.isEmpty {
            messages.append(["role": "system", "content": .string(request.systemPrompt)])
        }
        messages.append(["role": "user", "content": .string(request.userPrompt)])
        var body: OrderedDictionary<String, JSONValue> = ["model": .string(request.model), "messages": .array(messages)]
        if let temperature = request.temperature { body["temperature"] = .double(temperature) }
        if let maxTokens = request.maxTokens { body["max_tokens"] = .integer(Int128(maxTokens)) }
        if let seed = request.seed { body["seed"] = .integer(Int128(seed)) }
        if request.jsonMode { body["response_format"] = ["type": "json_object"] }
        if stream { body["stream"] = true }
        return .object(body)
    }
}
