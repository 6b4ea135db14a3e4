/// Where an upload went (ComfyUI's response to `POST /upload/image`).
public struct StoredUpload: Sendable, Equatable {
    /// The file name it was saved under, e.g. `"cat (1).png"`.
    public var name: String
    /// The folder relative to the type's root, `/`-separated, `""` for the root itself.
    public var subfolder: String
    /// The root it went into: `"input"`, `"temp"` or `"output"`.
    public var type: String

    /// Creates a description from its parts.
    public init(name: String, subfolder: String, type: String) {
        self.name = name
        self.subfolder = subfolder
        self.type = type
    }
}
