public import WeftCore

/// `PreviewImage` ("Preview Image"; named `PreviewImageNode` here beside WeftCore's preview payload): saves the batch
/// to temp/ (fast compression, a random prefix) so clients can show it; temp/ is not kept. Metadata follows the same
/// setting as SaveImage.
public struct PreviewImageNode: Node {
    /// `images` and the hidden prompt and `extra_pnginfo`; an output node with no outputs.
    public let schema = NodeSchema(
        className: "PreviewImage",
        displayName: "Preview Image",
        category: "image",
        description: ImageSaver.nodeDescription,
        inputs: [.socket("images", "IMAGE")] + ImageSaver.metadataInputs,
        outputs: [],
        isOutputNode: true
    )

    private let embedsMetadata: Bool

    /// The node; `settings.embedsMetadata` decides whether the workflow goes into the files.
    public init(settings: ImageNodeSettings = ImageNodeSettings()) {
        embedsMetadata = settings.embedsMetadata
    }

    /// Saves the batch as `ComfyUI_temp_{5 random letters}_{counter}_.png`; the UI output lists the files.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let suffix = String((0..<5).map { _ in letters.randomElement()! })
        let saver = ImageSaver(root: context.directories.temp, folderType: "temp", compressionLevel: 1, embedsMetadata: embedsMetadata)
        return try await saver.run(inputs, prefix: "ComfyUI_temp_" + suffix, context: context)
    }
}
