/// Receives progress reports of a generation; called from any task, so it must be quick and thread-safe.
public typealias GenerationProgressHandler = @Sendable (GenerationProgress) -> Void

/// A remote service that turns a text prompt into images.
///
/// Generation honours Swift task cancellation: a cancelled generation asks the service to drop the job (best
/// effort, briefly) and then throws `CancellationError`.
public protocol TextToImageProvider: Sendable {
    /// Generates the images `request` asks for, reporting progress along the way.
    ///
    /// - Throws: `RemoteServiceError`, or `CancellationError` when the task is cancelled.
    func generate(_ request: TextToImageRequest, progress: @escaping GenerationProgressHandler) async throws -> [GeneratedImage]
}
