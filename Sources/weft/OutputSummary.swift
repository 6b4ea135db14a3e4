import Foundation
import OrderedCollections
import WeftCore

/// Describes where a run's results went: for each node's UI data, the files it lists (resolved to paths under
/// the output, temp or input folder) and the text it shows (cut to a readable length).
struct OutputSummary {
    /// The folders file entries are relative to.
    let directories: DataDirectories
    /// The workflow, for node labels.
    let workflow: Workflow
    /// Paths under this folder print relative to it (the working directory).
    var currentDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)

    /// Longest text shown per item, in characters, and most lines shown per item.
    static let textLimit = 400
    static let lineLimit = 8

    /// The summary lines; empty when no node produced UI data.
    func lines(for outputs: some Sequence<(key: NodeID, value: JSONValue)>) -> [String] {
        var lines: [String] = []
        for (id, ui) in outputs {
            guard let members = ui.objectValue, !members.isEmpty else { continue }
            lines.append(TextFormatting.nodeLabel(id, in: workflow) + ":")
            for (key, value) in members {
                for item in value.arrayValue ?? [value] {
                    lines += describe(item, key: key)
                }
            }
        }
        return lines.isEmpty ? [] : ["outputs:"] + lines.map { "  " + $0 }
    }

    /// The file path a UI file entry names, or nil when the item is not a file entry.
    func path(ofFileEntry item: JSONValue) -> URL? {
        guard let filename = item["filename"]?.stringValue, let type = item["type"]?.stringValue else { return nil }
        let root: URL
        switch type {
        case "output": root = directories.output
        case "temp": root = directories.temp
        case "input": root = directories.input
        default: return nil
        }
        let subfolder = item["subfolder"]?.stringValue ?? ""
        let folder = subfolder.isEmpty ? root : root.appending(path: subfolder, directoryHint: .isDirectory)
        return folder.appending(path: filename, directoryHint: .notDirectory)
    }

    // MARK: helpers

    private func describe(_ item: JSONValue, key: String) -> [String] {
        if let url = path(ofFileEntry: item) {
            return ["  file: \(displayPath(url))"]
        }
        if key == "text", let text = item.stringValue {
            return Self.textLines(text)
        }
        return ["  \(key): " + TextFormatting.oneLine(item.serialized(), limit: 120)]
    }

    private static func textLines(_ text: String) -> [String] {
        let cut = TextFormatting.truncated(text, to: textLimit)
        var lines = cut.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > lineLimit {
            let hidden = lines.count - lineLimit
            lines = Array(lines.prefix(lineLimit)) + ["… \(hidden) more line(s)"]
        }
        if lines.count == 1 { return ["  text: \(lines[0])"] }
        return ["  text:"] + lines.map { "    " + $0 }
    }

    /// The path relative to the working directory when it lies inside it, else absolute.
    private func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path(percentEncoded: false)
        var base = currentDirectory.standardizedFileURL.path(percentEncoded: false)
        if !base.hasSuffix("/") { base += "/" }
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
