/// How far a remote generation has got, reported as it moves along.
public struct GenerationProgress: Sendable, Equatable {
    /// The stage a remote generation is in.
    public enum Phase: String, Sendable, Equatable {
        /// The request is being sent.
        case submitted
        /// The service accepted the job and has not started it.
        case queued
        /// The service is working on the job.
        case running
        /// The images are being fetched; `value` of `total` counts images.
        case downloading
    }

    /// The stage reached.
    public var phase: Phase
    /// How much of the stage is done (sampler steps while running, images while downloading), when known.
    public var value: Int?
    /// What `value` counts up to, when known.
    public var total: Int?

    /// Creates a report.
    public init(_ phase: Phase, value: Int? = nil, total: Int? = nil) {
        self.phase = phase
        self.value = value
        self.total = total
    }
}
