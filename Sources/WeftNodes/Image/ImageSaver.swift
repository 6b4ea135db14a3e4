import Foundation
import OrderedCollections
import WeftCore
import WeftImage
import WeftTensor

/// Writes every image of an IMAGE batch as a PNG with ComfyUI's names and metadata, for SaveImage and PreviewImage.
struct ImageSaver: Sendable {
    /// The hidden inputs whose values go into the files: the prompt and the client's `extra_pnginfo`.
    static let metadataInputs: [InputSpec] = [.hidden("prompt", .prompt), .hidden("extra_pnginfo", .extraPNGInfo)]
    /// ComfyUI's description of SaveImage, which PreviewImage inherits.
    static let nodeDescription = "Saves the input images to your ComfyUI output directory."

    /// The folder the files go under (output/ or temp/).
    var root: URL
    /// The `type` of the UI entries: `"output"` or `"temp"`.
    var folderType: String
    /// zlib level: ComfyUI saves at 4 and previews at 1.
    var compressionLevel: Int
    /// Whether the prompt and `extra_pnginfo` go into the files.
    var embedsMetadata: Bool

    /// Saves the node's `images` input with its hidden `prompt` and `extra_pnginfo` and returns the node's output:
    /// no slots, the files listed under `images` in the UI output.
    func run(_ inputs: NodeInputs, prefix: String, context: NodeContext) async throws -> NodeOutput {
        let entries = try await save(
            try inputs.image("images"), prefix: prefix, prompt: inputs.lists["prompt"]?.first?.json,
            extraPNGInfo: inputs.lists["extra_pnginfo"]?.first?.json, context: context)
        return NodeOutput(slots: [], ui: ["images": entries])
    }

    /// Saves image `i` of the batch as `{prefix}_{counter + i:05d}_.png` and returns the UI entries
    /// (`{"filename", "subfolder", "type"}`) in batch order.
    func save(_ images: Tensor, prefix: String, prompt: JSONValue?, extraPNGInfo: JSONValue?, context: NodeContext) async throws -> [JSONValue] {
        let metadata =
            embedsMetadata ? ComfyPNGMetadata(prompt: prompt, extraPNGInfo: extraPNGInfo?.objectValue ?? [:]) : ComfyPNGMetadata(prompt: nil)
        let allocator = OutputPathAllocator(root: root)
        let (height, width) = (images.shape[1], images.shape[2])
        var entries: [JSONValue] = []
        for index in 0..<images.shape[0] {
            try context.reportProgress(index, of: images.shape[0])
            let level = compressionLevel
            let png = try await TensorCompute.run { () throws -> [UInt8] in
                let raster = try ImageTensors.raster(fromImage: images, at: index)
                return try ImageEncoder.png(raster, text: metadata.textChunks, compressionLevel: level)
            }
            let file = try allocator.writeNextFile(Data(png), prefix: prefix, fileExtension: "png", width: width, height: height, batchIndex: index)
            entries.append(file.uiEntry(type: folderType))
        }
        return entries
    }
}
