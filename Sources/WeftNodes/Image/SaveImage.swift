public import WeftCore

/// `SaveImage` ("Save Image"): writes each image of the batch to output/ as an 8-bit PNG named
/// `{prefix}_{counter:05d}_.png`, with the prompt and workflow embedded as ComfyUI does unless metadata is disabled.
public struct SaveImage: Node {
    /// `images`, `filename_prefix`, and the hidden prompt and `extra_pnginfo`; an output node with no outputs.
    public let schema = NodeSchema(
        className: "SaveImage",
        displayName: "Save Image",
        category: "image",
        description: ImageSaver.nodeDescription,
        inputs: [
            .socket("images", "IMAGE", tooltip: "The images to save."),
            .string(
                "filename_prefix", default: "ComfyUI",
                tooltip:
                    "The prefix for the file to save. This may include formatting information such as %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes."
            ),
        ] + ImageSaver.metadataInputs,
        outputs: [],
        isOutputNode: true
    )

    private let embedsMetadata: Bool

    /// The node; `settings.embedsMetadata` decides whether the workflow goes into the files.
    public init(settings: ImageNodeSettings = ImageNodeSettings()) {
        embedsMetadata = settings.embedsMetadata
    }

    /// Saves the batch; the UI output lists the files under `images`.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let saver = ImageSaver(root: context.directories.output, folderType: "output", compressionLevel: 4, embedsMetadata: embedsMetadata)
        return try await saver.run(inputs, prefix: try inputs.string("filename_prefix"), context: context)
    }
}
