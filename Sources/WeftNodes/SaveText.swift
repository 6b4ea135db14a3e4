import Foundation
import OrderedCollections
public import WeftCore

/// `SaveText` ("Save Text", Weft only): writes a string to the output folder as a UTF-8 `.txt` file.
///
/// Files are named like ComfyUI's saved images, `{prefix}_{counter:05d}_.txt`, with subfolders and `%…%`
/// variables taken from the prefix (see ``OutputPathAllocator``); a prefix may not leave the output folder.
public struct SaveText: Node {
    /// `text` (socket only) and `filename_prefix`; an output node with no outputs.
    public let schema = NodeSchema(
        className: "SaveText",
        displayName: "Save Text",
        category: "utils",
        description: "Saves the text to the output folder as a UTF-8 .txt file.",
        module: "weft.utils",
        inputs: [
            .socket("text", "STRING").forceInput,
            .string(
                "filename_prefix", default: "ComfyUI",
                tooltip:
                    "The prefix for the file to save. It may name subfolders (a/b/name) and hold %year%, %month%, %day%, %hour%, %minute%, %second%."
            ),
        ],
        outputs: [],
        isOutputNode: true
    )

    /// The node.
    public init() {}

    /// Writes the file; returns the text and the file's entry as UI data.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let text = try inputs.string("text")
        let prefix = try inputs.string("filename_prefix")
        try context.checkInterrupted()
        let file = try OutputPathAllocator(root: context.directories.output)
            .writeNextFile(Data(text.utf8), prefix: prefix, fileExtension: "txt")
        return NodeOutput(slots: [], ui: ["text": [.string(text)], "files": [file.uiEntry(type: "output")]])
    }
}
