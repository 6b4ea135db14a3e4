import ArgumentParser
import OrderedCollections
import WeftCore
import WeftNodes

/// `weft nodes [CLASS]`: lists the node types this build knows, or describes one.
struct NodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes",
        abstract: "List the available node types, or describe one.",
        discussion: """
            With --json, prints ComfyUI's /object_info JSON: every node keyed by class name, or {CLASS: info} for \
            one ({} when there is no such class, as /object_info/CLASS answers).
            """
    )

    @Flag(name: .customLong("json"), help: "Print /object_info JSON instead of text.")
    var json = false

    @Argument(help: ArgumentHelp("A node class name, e.g. StringConcatenate.", valueName: "CLASS"))
    var className: String?

    func run() async throws {
        let registry = try BuiltinNodes.registry(imageSettings: .workingDirectory)
        let formatter = NodeCatalogFormatter()
        guard let className else {
            if json {
                StandardStream.output.writeLine(registry.objectInfo.serialized())
            } else {
                let lines = formatter.listLines(registry.nodes.values.map(\.schema))
                StandardStream.output.writeLines(lines)
            }
            return
        }
        guard let node = registry[className] else {
            if json {
                StandardStream.output.writeLine("{}")
                return
            }
            let similar = registry.nodes.keys.filter { $0.lowercased().contains(className.lowercased()) }
            var message = "error: no node class '\(className)'"
            if !similar.isEmpty { message += "; did you mean " + similar.prefix(5).joined(separator: ", ") + "?" }
            StandardStream.error.writeLine(message + " (`weft nodes` lists them all)")
            throw ExitCode(ExitStatus.invalid)
        }
        if json {
            let info: JSONValue = .object([className: node.schema.objectInfo])
            StandardStream.output.writeLine(info.serialized())
        } else {
            StandardStream.output.writeLines(formatter.detailLines(node.schema))
        }
    }
}
