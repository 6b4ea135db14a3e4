/// Why a remote node cannot make its call, naming the input at fault.
enum RemoteNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A text input the call needs is empty.
    case emptyInput(String)
    /// The service needs an API key and the key-name input is empty.
    case keyRequired(provider: String)
    /// The provider input names no known kind of service.
    case unknownProvider(String)
    /// The service answered without any image.
    case noImages
    /// Downloaded bytes are not an image Weft can decode; `source` is the URL or "inline image N".
    case undecodableImage(source: String, reason: String)

    /// A sentence naming the input.
    var description: String {
        switch self {
        case .emptyInput(let name): "\(name) is empty: there is nothing to send"
        case .keyRequired(let provider): "api_key_name is empty, but \(provider) needs an API key: give the name of the variable holding it"
        case .unknownProvider(let name): "provider \"\(name)\" is not one of openai, dashscope, comfyui"
        case .noImages: "the service answered without any image"
        case .undecodableImage(let source, let reason): "the image from \(source) cannot be decoded: \(reason)"
        }
    }
}
