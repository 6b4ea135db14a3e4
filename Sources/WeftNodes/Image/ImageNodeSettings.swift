public import WeftCore

/// What the composition root tells the image nodes about the deployment: where uploads are listed from, and
/// whether saved images carry the workflow.
public struct ImageNodeSettings: Sendable, Equatable {
    /// The data folders whose input/ LoadImage and LoadImageMask list in their combo and check names against during
    /// validation; nil when files are per user (multi-user servers) or unknown, in which case a missing file is
    /// reported when the node runs.
    public var directories: DataDirectories?
    /// Whether SaveImage and PreviewImage embed the prompt and workflow as PNG text (ComfyUI's default; off with
    /// `--disable-metadata`).
    public var embedsMetadata: Bool

    /// Settings for one deployment.
    public init(directories: DataDirectories? = nil, embedsMetadata: Bool = true) {
        self.directories = directories
        self.embedsMetadata = embedsMetadata
    }
}
