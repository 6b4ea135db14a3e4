import Foundation
import WeftCore

/// A temporary data directory for one test, removed when the test lets go of it.
final class Scratch: Sendable {
    let directories: DataDirectories

    init() {
        let root = FileManager.default.temporaryDirectory
            .appending(path: "weft-nodes-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
        directories = DataDirectories(root: root)
    }

    deinit {
        try? FileManager.default.removeItem(at: directories.root)
    }

    /// A context for running a node of `classType` against this data directory.
    func context(_ classType: String = "Test") -> NodeContext {
        NodeContext(nodeID: "1", classType: classType, promptID: "prompt", directories: directories, interruption: InterruptionFlag())
    }

    /// The output folder's path, for file checks.
    var outputPath: String { directories.output.path(percentEncoded: false) }

    /// The UTF-8 text of a file under the output folder.
    func outputText(_ relativePath: String) throws -> String {
        try String(contentsOf: directories.output.appending(path: relativePath), encoding: .utf8)
    }

    /// Whether a file exists under the output folder.
    func outputExists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: directories.output.appending(path: relativePath).path(percentEncoded: false))
    }
}

/// Inputs holding one item per name.
func inputs(_ pairs: KeyValuePairs<String, Value>) -> NodeInputs {
    var lists: [String: [Value]] = [:]
    for (name, value) in pairs { lists[name] = [value] }
    return NodeInputs(lists: lists)
}

/// Runs a node with a fresh scratch directory.
func run(_ node: some Node, _ values: KeyValuePairs<String, Value>) async throws -> NodeOutput {
    try await node.run(inputs(values), context: Scratch().context(node.schema.className))
}

/// The only item of the first output slot, as JSON (nil for a custom payload or a missing slot).
func firstValue(_ output: NodeOutput) -> JSONValue? {
    output.slots.first?.first?.json
}

/// A non-JSON payload for tests.
struct FakePayload: CustomValue {
    var typeName: String { "IMAGE" }
    var summary: String { "IMAGE [1, 64, 64, 3]" }
    var byteCount: Int { 64 * 64 * 3 * 4 }
}
