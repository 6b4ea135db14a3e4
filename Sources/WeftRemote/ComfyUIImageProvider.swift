import Foundation
import WeftCore

/// Text-to-image on a remote ComfyUI (or ComfyUI-compatible, such as Weft's own) server through its HTTP API.
///
/// The template's placeholders are filled from the request and the workflow is queued with `POST /prompt`. Progress
/// and completion are followed on `/ws?clientId=` (`progress` value/max for this prompt; `execution_success` or
/// `executing` with node null; `execution_error`, `execution_interrupted`); when the WebSocket cannot be opened, or
/// closes early, `GET /history/{prompt_id}` is polled instead. The images the history lists are fetched with `GET
/// /view?filename=&subfolder=&type=`, whose URL is each image's `url`. A prompt that is given up on (cancelled, past
/// the deadline) is removed from the queue (`POST /queue {"delete": [id]}`) and interrupted if it is running (`POST
/// /interrupt {"prompt_id": id}`).
public struct ComfyUIImageProvider: TextToImageProvider {
    /// The server's root, such as `http://127.0.0.1:8188`.
    public var baseURL: String
    /// A key sent as `Authorization: Bearer …` (to Weft's `--auth-token`, or a proxy in front of ComfyUI); nil for
    /// none.
    public var apiKey: String?
    /// The workflow to run.
    public var template: ComfyWorkflowTemplate
    /// How requests reach the network.
    public var transport: any HTTPTransport
    /// When failed requests (429, 5xx, connection failures) are tried again.
    public var retryPolicy: RetryPolicy
    /// How often the history is polled without a WebSocket, and the deadline for the whole job.
    public var timing: RemoteJobTiming
    /// The longest wait for the WebSocket to open before falling back to polling.
    public var socketTimeout: Duration
    /// Fetches the finished images.
    public var downloader: ImageDownloader

    /// Creates a provider.
    public init(
        baseURL: String, apiKey: String? = nil, template: ComfyWorkflowTemplate = .standard, transport: any HTTPTransport = AsyncHTTPTransport(),
        retryPolicy: RetryPolicy = RetryPolicy(), timing: RemoteJobTiming = RemoteJobTiming(), socketTimeout: Duration = .seconds(5),
        downloader: ImageDownloader = ImageDownloader()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.template = template
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.timing = timing
        self.socketTimeout = socketTimeout
        self.downloader = downloader
    }

    /// Queues the filled workflow, follows it to its end (reporting `queued`, then `running` with the remote
    /// progress values) and downloads the images it saved.
    ///
    /// - Throws: `RemoteServiceError` (`.requestRejected` quoting the server when it refuses the workflow,
    ///   `.taskFailed` when the workflow raises or is interrupted there, `.timedOut` past the deadline), or
    ///   `CancellationError`.
    public func generate(_ request: TextToImageRequest, progress: @escaping GenerationProgressHandler) async throws -> [GeneratedImage] {
        let connection = try ServiceConnection(baseURL: baseURL, apiKey: apiKey, transport: transport, retryPolicy: retryPolicy)
        let workflow = try template.filled(for: request)
        let clientID = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let root = connection.root
        let socketURL = (root.hasPrefix("https://") ? "wss://" + root.dropFirst(8) : "ws://" + root.dropFirst(7)) + "/ws?clientId=" + clientID
        return try await RemoteJob.run(timing: timing, cancel: { await Self.cancel(promptID: $0, on: connection) }) { job in
            let socket = await ComfyEventSocket.open(url: socketURL, headers: connection.authorization, timeout: socketTimeout)
            defer { socket?.close() }
            progress(GenerationProgress(.submitted))
            let queued = try await Self.exchange(
                connection.request("POST", "/prompt", json: ["prompt": workflow, "client_id": .string(clientID)]), on: connection)
            guard let promptID = queued["prompt_id"]?.stringValue, !promptID.isEmpty else {
                throw RemoteServiceError.malformedResponse("prompt_id is missing")
            }
            job.submitted(id: promptID)
            progress(GenerationProgress(.queued))
            if let socket { try await Self.follow(socket.messages, promptID: promptID, job: job, progress: progress) }
            let entry = try await timing.poll(waitFirst: socket == nil) {
                let answer = try await Self.exchange(connection.request("GET", "/history/" + WebAddress.queryValue(promptID)), on: connection)
                return ComfyHistoryEntry(answer: answer, promptID: promptID)
            }
            job.settled()
            if let failure = entry.failure { throw failure }
            guard !entry.images.isEmpty else {
                throw RemoteServiceError.malformedResponse(
                    "the history of prompt \(promptID) lists no images; the workflow needs a SaveImage or PreviewImage node")
            }
            return try await downloader.images(
                from: entry.images.map { connection.root + $0.viewPath }, headers: connection.authorization, progress: progress)
        }
    }

    /// Reads the socket's messages until the prompt finishes (returns) or fails (throws), reporting progress; returns
    /// too when the socket closes early, leaving the history to tell how the prompt ended.
    private static func follow(
        _ messages: AsyncStream<JSONValue>, promptID: String, job: RemoteJob, progress: GenerationProgressHandler
    ) async throws {
        for await message in messages {
            guard let type = message["type"]?.stringValue, let data = message["data"],
                let event = ComfyExecutionEvent(type: type, data: data, promptID: promptID)
            else { continue }
            switch event {
            case .running: progress(GenerationProgress(.running))
            case .progress(let value, let total): progress(GenerationProgress(.running, value: value, total: total))
            case .finished: return
            case .failed(let error):
                job.settled()
                throw error
            }
        }
        try Task.checkCancellation()
    }

    /// Sends `request` under the retry policy and returns its JSON answer; a refused prompt is reported in the
    /// server's words, and a missing route as a server that does not speak ComfyUI's API.
    private static func exchange(_ request: RemoteRequest, on connection: ServiceConnection) async throws -> JSONValue {
        let (response, attempts) = try await connection.send(request)
        if response.status == 404 {
            throw RemoteServiceError.requestRejected(status: 404, message: "\(request.url) was not found; is \(connection.root) a ComfyUI server?")
        }
        if response.status == 400, let body = try? JSONParser().parse(response.body), let message = ComfyPromptRejection.message(in: body) {
            throw RemoteServiceError.requestRejected(status: 400, message: connection.redact(message))
        }
        return try connection.jsonBody(of: response, model: "", attempts: attempts)
    }

    /// Takes the prompt off the queue and interrupts it if it is running; failures are ignored, since the job is being
    /// given up anyway.
    private static func cancel(promptID: String, on connection: ServiceConnection) async {
        async let dequeued = try? connection.transport.send(connection.request("POST", "/queue", json: ["delete": [.string(promptID)]]))
        async let interrupted = try? connection.transport.send(connection.request("POST", "/interrupt", json: ["prompt_id": .string(promptID)]))
        _ = await (dequeued, interrupted)
    }
}
