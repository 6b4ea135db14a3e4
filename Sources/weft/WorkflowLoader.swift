import Foundation
import WeftCore

/// Reads a workflow file, parses it and applies `--set` overrides, producing the request to validate.
struct WorkflowLoader {
    /// The registry `--set` checks input names against.
    let registry: NodeRegistry
    /// When given, keys pasted into the workflow or an override are swapped for names before anything (image
    /// metadata, reports) can keep them.
    var redactor: (any SecretRedactor)?

    /// Loads `path` (`-` for standard input) and applies `overrides` in order (a later one wins).
    func load(path: String, overrides: [String]) throws(WorkflowRejection) -> PromptRequest {
        let parsedOverrides: [InputOverride]
        do {
            parsedOverrides = try overrides.map { text throws(InputOverrideError) in try InputOverride(parsing: text) }
        } catch {
            throw .badOverride(error)
        }
        let bytes = try Self.read(path)
        var request: PromptRequest
        do {
            request = try WorkflowParser().parseRequest(bytes)
        } catch {
            throw .malformed(error)
        }
        for override in parsedOverrides {
            do {
                try override.apply(to: &request.workflow, registry: registry)
            } catch {
                throw .badOverride(error)
            }
        }
        guard let redactor else { return request }
        do {
            return try redactor.redact(request, registry: registry)
        } catch {
            throw .malformed(error)
        }
    }

    private static func read(_ path: String) throws(WorkflowRejection) -> [UInt8] {
        do {
            if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: Self.reason(for: error, path: path))
        }
    }

    /// A short reason: "no such file" rather than Foundation's full error dump when it can.
    private static func reason(for error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as? CocoaError)?.localizedDescription ?? String(describing: error)
    }
}
