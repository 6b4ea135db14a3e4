import OrderedCollections
import WeftCore

/// Text-to-image through Alibaba Cloud Model Studio's (DashScope's) asynchronous image-synthesis API, as used by the
/// Wan (`wan2.2-t2i-flash`, `wanx2.1-t2i-turbo`, …) models.
///
/// A job is created with `POST {baseURL}/services/aigc/text2image/image-synthesis` (header `X-DashScope-Async:
/// enable`), polled with `GET {baseURL}/tasks/{task_id}` until it ends, and its images are downloaded from the URLs
/// it names. A job that is given up on (cancelled, past the deadline, or failing while it runs) is cancelled with
/// `POST {baseURL}/tasks/{task_id}/cancel`, which the service honours while the task is still queued.
///
/// Seeds are reduced modulo 2³¹, the range the API accepts, so that every 64-bit seed maps to one fixed valid seed.
/// Images whose result entry carries a `code` and `message` instead of a URL are left out; when every image failed,
/// the first failure is the error.
public struct DashScopeImageProvider: TextToImageProvider {
    /// The API root of the Beijing region; Singapore's is `https://dashscope-intl.aliyuncs.com/api/v1`.
    public static let defaultBaseURL = "https://dashscope.aliyuncs.com/api/v1"

    /// The API root, such as `https://dashscope.aliyuncs.com/api/v1`.
    public var baseURL: String
    /// The Model Studio API key, sent as `Authorization: Bearer …`.
    public var apiKey: String
    /// How requests reach the network.
    public var transport: any HTTPTransport
    /// When failed requests (429, 5xx, connection failures) are tried again.
    public var retryPolicy: RetryPolicy
    /// How often the task is polled, and the deadline for the whole job.
    public var timing: RemoteJobTiming
    /// Fetches the finished images.
    public var downloader: ImageDownloader

    /// Creates a provider.
    public init(
        baseURL: String = Self.defaultBaseURL, apiKey: String, transport: any HTTPTransport = AsyncHTTPTransport(),
        retryPolicy: RetryPolicy = RetryPolicy(), timing: RemoteJobTiming = RemoteJobTiming(), downloader: ImageDownloader = ImageDownloader()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.timing = timing
        self.downloader = downloader
    }

    /// Creates the task, polls it until it ends (reporting `queued` and `running`) and downloads its images.
    ///
    /// - Throws: `RemoteServiceError` (`.taskFailed` with the service's code and message when the task ends
    ///   `FAILED`, `CANCELED` or `UNKNOWN`; `.timedOut` past the deadline), or `CancellationError`.
    public func generate(_ request: TextToImageRequest, progress: @escaping GenerationProgressHandler) async throws -> [GeneratedImage] {
        let connection = try ServiceConnection(baseURL: baseURL, apiKey: apiKey, transport: transport, retryPolicy: retryPolicy)
        return try await RemoteJob.run(timing: timing, cancel: { await Self.cancel(taskID: $0, on: connection) }) { job in
            progress(GenerationProgress(.submitted))
            let creation = connection.request(
                "POST", "/services/aigc/text2image/image-synthesis", json: Self.body(for: request), headers: [("X-DashScope-Async", "enable")])
            let created = try await connection.sendJSON(creation, model: request.model)
            guard let taskID = created["output"]?["task_id"]?.stringValue, !taskID.isEmpty else {
                throw RemoteServiceError.malformedResponse("output.task_id is missing")
            }
            job.submitted(id: taskID)
            progress(GenerationProgress(.queued))
            let urls = try await timing.poll(waitFirst: true) {
                let body = try await connection.sendJSON(connection.request("GET", Self.taskPath(taskID)), model: request.model)
                return try Self.imageURLs(of: DashScopeTask(body), job: job, connection: connection, progress: progress)
            }
            return try await downloader.images(from: urls, headers: [], progress: progress)
        }
    }

    /// The request body: `{model, input: {prompt, negative_prompt}, parameters: {size: "W*H", n, seed}}`.
    private static func body(for request: TextToImageRequest) -> JSONValue {
        var input: OrderedDictionary<String, JSONValue> = ["prompt": .string(request.prompt)]
        if !request.negativePrompt.isEmpty { input["negative_prompt"] = .string(request.negativePrompt) }
        let parameters: JSONValue = [
            "size": .string("\(request.width)*\(request.height)"), "n": .integer(Int128(request.count)),
            "seed": .integer(Int128(request.seed % (1 << 31))),
        ]
        return ["model": .string(request.model), "input": .object(input), "parameters": parameters]
    }

    /// The image URLs of a task that succeeded; nil (after reporting progress) for one still queued or running.
    private static func imageURLs(
        of task: DashScopeTask, job: RemoteJob, connection: ServiceConnection, progress: GenerationProgressHandler
    ) throws(RemoteServiceError) -> [String]? {
        switch task.status {
        case "PENDING":
            progress(GenerationProgress(.queued))
            return nil
        case "RUNNING":
            progress(GenerationProgress(.running, value: task.finished, total: task.total))
            return nil
        case "SUCCEEDED":
            job.settled()
            guard task.urls.isEmpty else { return task.urls }
            throw .taskFailed(status: task.status, code: task.code, message: connection.redact(task.message))
        case "FAILED", "CANCELED", "UNKNOWN":
            job.settled()
            throw .taskFailed(status: task.status, code: task.code, message: connection.redact(task.message))
        default:
            throw .malformedResponse("output.task_status \"\(task.status)\" is not a known status")
        }
    }

    private static func taskPath(_ taskID: String) -> String {
        "/tasks/" + WebAddress.queryValue(taskID)
    }

    /// Asks the service to cancel the task; failures are ignored, since the job is being given up anyway.
    private static func cancel(taskID: String, on connection: ServiceConnection) async {
        _ = try? await connection.transport.send(connection.request("POST", taskPath(taskID) + "/cancel"))
    }
}
