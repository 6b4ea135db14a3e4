/// What a running node may know and do besides reading its inputs: who it is, where files go,
/// how to report progress, and whether to stop.
public struct NodeContext: Sendable {
    /// The node's id in the prompt.
    public let nodeID: NodeID
    /// The node's class.
    public let classType: String
    /// The prompt being executed.
    public let promptID: String
    /// The data directories (models, input, output, temp).
    public let directories: DataDirectories
    private let interruption: InterruptionFlag
    private let progressHandler: @Sendable (_ value: Int, _ total: Int) -> Void
    private let previewHandler: @Sendable (PreviewImage) -> Void

    public init(
        nodeID: NodeID,
        classType: String,
        promptID: String,
        directories: DataDirectories,
        interruption: InterruptionFlag,
        progressHandler: @escaping @Sendable (_ value: Int, _ total: Int) -> Void = { _, _ in },
        previewHandler: @escaping @Sendable (PreviewImage) -> Void = { _ in }
    ) {
        self.nodeID = nodeID
        self.classType = classType
        self.promptID = promptID
        self.directories = directories
        self.interruption = interruption
        self.progressHandler = progressHandler
        self.previewHandler = previewHandler
    }

    /// Throws ``ExecutionInterrupted`` when the prompt was interrupted or the task cancelled.
    /// Long-running nodes call this between units of work.
    public func checkInterrupted() throws(ExecutionInterrupted) {
        if interruption.isRaised || Task.isCancelled { throw ExecutionInterrupted() }
    }

    /// Reports progress (`value` of `total`, clamped) and checks for interruption, as ComfyUI's progress bar does.
    public func reportProgress(_ value: Int, of total: Int) throws(ExecutionInterrupted) {
        try checkInterrupted()
        progressHandler(Swift.min(Swift.max(value, 0), total), total)
    }

    /// Shows an encoded image of work in progress (a sampler's latent preview) to the clients that asked for
    /// previews. Cheap to call when nobody listens.
    public func sendPreview(_ image: PreviewImage) {
        previewHandler(image)
    }
}

/// The error a node throws (through ``NodeContext/checkInterrupted()``) to stop because the prompt was interrupted.
public struct ExecutionInterrupted: Error, Equatable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "execution interrupted" }
}
