import Foundation
import OrderedCollections
import WeftCore
import WeftStore

/// A fresh directory under the system temporary directory, removed when the value goes away.
struct TemporaryDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("weft-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A prompt with a small but realistic workflow, varied by the parameters the tests care about.
func makePrompt(
    _ promptID: String,
    number: Double = 0,
    user: String = "default",
    createdAt: Int64 = 1_000,
    workflowID: String? = nil
) -> QueuedPrompt {
    var extraData: OrderedDictionary<String, JSONValue> = ["client_note": .string(promptID)]
    if let workflowID {
        extraData["extra_pnginfo"] = ["workflow": ["id": .string(workflowID), "nodes": []]]
    }
    return QueuedPrompt(
        promptID: promptID,
        number: number,
        user: user,
        clientID: "client-\(user)",
        prompt: ["3": ["class_type": "KSampler", "inputs": ["seed": 5, "steps": 20]]],
        extraData: .object(extraData),
        outputsToExecute: ["9"],
        createdAt: createdAt
    )
}

/// A history record for `prompt` with one image output.
func makeRecord(
    _ prompt: QueuedPrompt,
    status: String = "success",
    startedAt: Int64? = 2_000,
    finishedAt: Int64 = 3_000
) -> HistoryRecord {
    HistoryRecord(
        prompt: prompt,
        outputs: ["9": ["images": [["filename": .string("\(prompt.promptID).png"), "subfolder": "", "type": "output"]]]],
        statusString: status,
        completed: status == "success",
        messages: [["execution_start", ["prompt_id": .string(prompt.promptID), "timestamp": 2_000]]],
        meta: ["9": ["node_id": "9", "display_node": "9"]],
        startedAt: startedAt,
        finishedAt: finishedAt
    )
}
