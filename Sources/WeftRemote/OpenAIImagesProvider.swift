import Foundation
import OrderedCollections
import WeftCore

/// Text-to-image through an OpenAI-compatible `POST {baseURL}/images/generations` (OpenAI's DALL·E and GPT image
/// models, and services that copy the API).
///
/// Images come back inline (`data[].b64_json`) or as links (`data[].url`), which are downloaded. The API has no
/// negative prompt and no seed, so those parts of the request are not sent. Failures are reported like the chat
/// client's, without the key.
public struct OpenAIImagesProvider: TextToImageProvider {
    /// The API root, such as `https://api.openai.com/v1`.
    public var baseURL: String
    /// The key sent as `Authorization: Bearer …`; nil for services that need none.
    public var apiKey: String?
    /// The `response_format` to ask for (`b64_json` or `url`); nil leaves it out, for models that refuse the
    /// parameter (`gpt-image-1` always answers inline).
    public var responseFormat: String?
    /// How requests reach the network; generation takes a while, so its timeout should be generous.
    public var transport: any HTTPTransport
    /// When failed requests (429, 5xx, connection failures) are tried again.
    public var retryPolicy: RetryPolicy
    /// Fetches images the service answers with as links.
    public var downloader: ImageDownloader

    /// Creates a provider.
    public init(
        baseURL: String, apiKey: String? = nil, responseFormat: String? = "b64_json", transport: any HTTPTransport = AsyncHTTPTransport(),
        retryPolicy: RetryPolicy = RetryPolicy(), downloader: ImageDownloader = ImageDownloader()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.responseFormat = responseFormat
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.downloader = downloader
    }

    /// Asks for the images and decodes or downloads each.
    ///
    /// - Throws: `RemoteServiceError`, or `CancellationError` when the task is cancelled.
    public func generate(_ request: TextToImageRequest, progress: @escaping GenerationProgressHandler) async throws -> [GeneratedImage] {
        let connection = try ServiceConnection(baseURL: baseURL, apiKey: apiKey, transport: transport, retryPolicy: retryPolicy)
        progress(GenerationProgress(.submitted))
        let body = try await connection.sendJSON(connection.request("POST", "/images/generations", json: body(for: request)), model: request.model)
        guard let items = body["data"]?.arrayValue, !items.isEmpty else {
            throw RemoteServiceError.malformedResponse("the body has no data[0]")
        }
        var images: [GeneratedImage?] = []
        var links: [String] = []
        for (index, item) in items.enumerated() {
            if let encoded = item["b64_json"]?.stringValue {
                images.append(GeneratedImage(bytes: try Self.decode(encoded, index: index), url: item["url"]?.stringValue))
            } else if let url = item["url"]?.stringValue {
                images.append(nil)
                links.append(url)
            } else {
                throw RemoteServiceError.malformedResponse("data[\(index)] has neither b64_json nor url")
            }
        }
        // Links are fetched after the inline images are checked, then put back in their places.
        let fetched = links.isEmpty ? [] : try await downloader.images(from: links, headers: [], progress: progress)
        var downloaded = fetched.makeIterator()
        return images.compactMap { $0 ?? downloaded.next() }
    }

    /// The request body: `{model, prompt, n, size: "WxH", response_format}`.
    private func body(for request: TextToImageRequest) -> JSONValue {
        var body: OrderedDictionary<String, JSONValue> = [
            "model": .string(request.model), "prompt": .string(request.prompt), "n": .integer(Int128(request.count)),
            "size": .string("\(request.width)x\(request.height)"),
        ]
        if let responseFormat { body["response_format"] = .string(responseFormat) }
        return .object(body)
    }

    /// The image bytes of an inline `b64_json` item.
    private static func decode(_ encoded: String, index: Int) throws(RemoteServiceError) -> [UInt8] {
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            throw .malformedResponse("data[\(index)].b64_json is not base64")
        }
        let bytes = [UInt8](data)
        guard ImageSignature.recognises(bytes) else {
            throw .malformedResponse("data[\(index)].b64_json is not a PNG, JPEG, WebP or GIF image")
        }
        return bytes
    }
}
