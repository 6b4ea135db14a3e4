import Foundation
import OrderedCollections
import WeftCore
import WeftStore

/// A LoadImage-style test node: reads a file the client uploaded (by the name `/upload/image` returned, with its
/// subfolder) from the prompt's input folder, and saves a copy to output/ as `copy_00001_.<ext>`, listing it in its
/// UI output like SaveImage does.
struct InputCopyNode: Node {
    let schema = NodeSchema(
        className: "TestInputCopy", inputs: [.string("filename"), .string("subfolder", default: "")], outputs: [], isOutputNode: true)

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let name = try inputs.string("filename")
        let source = try SafePathResolver(root: context.directories.input).resolve(subfolder: try inputs.string("subfolder"), filename: name)
        let bytes = try Data(contentsOf: source)
        let file = try OutputPathAllocator(root: context.directories.output)
            .writeNextFile(bytes, prefix: "copy", fileExtension: source.pathExtension)
        return NodeOutput(slots: [], ui: ["images": [file.uiEntry(type: "output")]])
    }
}
