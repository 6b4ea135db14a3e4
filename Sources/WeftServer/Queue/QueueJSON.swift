import OrderedCollections
import WeftCore
import WeftStore

/// ComfyUI's wire shapes for queue items, history entries and jobs-API jobs, built from stored records.
enum QueueJSON {
    /// A priority number as JSON: whole numbers as integers (ComfyUI's counter), others as floats.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 1e15 { return .integer(Int128(value)) }
        return .double(value)
    }

    /// `[number, prompt_id, prompt, extra_data, outputs_to_execute]`.
    static func queueItem(_ prompt: QueuedPrompt) -> JSONValue {
        [
            number(prompt.number), .string(prompt.promptID), prompt.prompt, prompt.extraData,
            .array(prompt.outputsToExecute.map(JSONValue.string)),
        ]
    }

    /// One `/history` entry (without its id key).
    static func historyEntry(_ record: HistoryRecord) -> JSONValue {
        [
            "prompt": queueItem(record.prompt),
            "outputs": record.outputs,
            "status": ["status_str": .string(record.statusString), "completed": .bool(record.completed), "messages": record.messages],
            "meta": record.meta,
        ]
    }

    /// `{prompt_id: entry, …}` in the given order.
    static func history(_ records: [HistoryRecord]) -> JSONValue {
        .object(OrderedDictionary(records.map { ($0.prompt.promptID, historyEntry($0)) }, uniquingKeysWith: { _, last in last }))
    }

    /// A jobs-API job; `full` adds outputs and the workflow (`GET /api/jobs/{id}`).
    static func job(_ job: JobRecord, full: Bool) -> JSONValue {
        var object: OrderedDictionary<String, JSONValue> = [
            "id": .string(job.prompt.promptID),
            "status": .string(job.status.rawValue),
            "priority": number(job.prompt.number),
            "create_time": .integer(Int128(job.prompt.createdAt)),
        ]
        if let started = job.startedAt ?? job.history?.startedAt { object["execution_start_time"] = .integer(Int128(started)) }
        if let history = job.history {
            object["execution_end_time"] = .integer(Int128(history.finishedAt))
            if let failure = history.failureMessage, history.jobStatus == .failed { object["execution_error"] = failure }
            let outputs = history.outputs.objectValue ?? [:]
            object["outputs_count"] = .integer(Int128(outputs.values.reduce(0) { $0 + mediaItems(in: $1).count }))
            if let preview = previewOutput(outputs) { object["preview_output"] = preview }
        }
        if let workflowID = job.prompt.extraData["extra_pnginfo"]?["workflow"]?["id"]?.stringValue {
            object["workflow_id"] = .string(workflowID)
        }
        if full {
            if let history = job.history {
                object["outputs"] = history.outputs
                object["execution_status"] = [
                    "status_str": .string(history.statusString), "completed": .bool(history.completed), "messages": history.messages,
                ]
            }
            object["workflow"] = ["prompt": job.prompt.prompt, "extra_data": job.prompt.extraData]
        }
        return .object(object)
    }

    /// The file items (`{filename, subfolder, type}`) of one node's UI output, with the key they were under.
    private static func mediaItems(in output: JSONValue) -> [(kind: String, item: JSONValue)] {
        guard let fields = output.objectValue else { return [] }
        return fields.flatMap { kind, value in
            (value.arrayValue ?? []).filter { $0["filename"]?.stringValue != nil }.map { (kind, $0) }
        }
    }

    private static func previewOutput(_ outputs: OrderedDictionary<NodeID, JSONValue>) -> JSONValue? {
        for (node, output) in outputs {
            guard let first = mediaItems(in: output).first, case .object(var item) = first.item else { continue }
            item["nodeId"] = .string(node)
            item["mediaType"] = .string(first.kind)
            return .object(item)
        }
        return nil
    }
}
