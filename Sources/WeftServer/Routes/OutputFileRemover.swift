import Foundation
import Logging
import OrderedCollections
import WeftCore
import WeftStore

/// Deletes the files deleted history entries list (`{filename, subfolder, type}` items of their outputs), each
/// resolved inside its own folder so a tampered entry can never reach outside it.
struct OutputFileRemover {
    let services: ServerServices
    let logger: Logger

    func remove(filesOf records: [HistoryRecord]) {
        for record in records {
            for item in Self.fileItems(record.outputs) {
                guard let type = item["type"]?.stringValue, type != "input",
                    let root = services.folder(ofType: type, user: record.prompt.user),
                    let filename = item["filename"]?.stringValue
                else { continue }
                do {
                    let url = try SafePathResolver(root: root).resolve(subfolder: item["subfolder"]?.stringValue ?? "", filename: filename)
                    try? FileManager.default.removeItem(at: url)
                } catch {
                    logger.warning("kept a file a history entry names unsafely", metadata: ["error": .string(error.description)])
                }
            }
        }
    }

    static func fileItems(_ outputs: JSONValue) -> [JSONValue] {
        (outputs.objectValue ?? [:]).values.flatMap { output in
            (output.objectValue ?? [:]).values.flatMap { ($0.arrayValue ?? []).filter { $0["filename"] != nil } }
        }
    }
}
