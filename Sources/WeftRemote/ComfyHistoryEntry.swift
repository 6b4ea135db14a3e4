import OrderedCollections
import WeftCore

/// One prompt's entry in the answer of ComfyUI's `GET /history/{prompt_id}`, which is `{}` until the prompt ends:
/// how it ended (`status.status_str`, with the failure among `status.messages`) and the images its output nodes
/// list (`outputs.{node}.images[]` = `{filename, subfolder, type}`).
struct ComfyHistoryEntry: Equatable {
    /// One image an output node saved, as `GET /view` finds it.
    struct Image: Equatable {
        var filename: String
        var subfolder: String
        var type: String

        /// `/view?filename=…&subfolder=…&type=…`, each value percent-encoded.
        var viewPath: String {
            "/view?filename=\(WebAddress.queryValue(filename))&subfolder=\(WebAddress.queryValue(subfolder))&type=\(WebAddress.queryValue(type))"
        }
    }

    /// The saved images (`type` output) in node order, or every listed image (previews too) when none is saved.
    var images: [Image]
    /// Why the prompt failed, when it did.
    var failure: RemoteServiceError?

    /// The entry for `promptID` in `answer`; nil while the answer has none, because the prompt has not ended.
    init?(answer: JSONValue, promptID: String) {
        guard let entry = answer[promptID] else { return nil }
        let outputs = entry["outputs"]?.objectValue.map { Array($0.values) } ?? []
        let listed = outputs.flatMap { output in
            (output["images"]?.arrayValue ?? []).compactMap(Self.image)
        }
        let saved = listed.filter { $0.type == "output" }
        images = saved.isEmpty ? listed : saved
        failure = nil
        guard let status = entry["status"], status["status_str"]?.stringValue == "error" else { return }
        let failures = (status["messages"]?.arrayValue ?? []).compactMap { pair -> RemoteServiceError? in
            guard let type = pair.arrayValue?.first?.stringValue, let data = pair.arrayValue?.dropFirst().first,
                case .failed(let error)? = ComfyExecutionEvent(type: type, data: data, promptID: promptID)
            else { return nil }
            return error
        }
        failure = failures.first ?? .taskFailed(status: "error", code: "", message: "the history records a failure without saying why")
    }

    private static func image(_ item: JSONValue) -> Image? {
        guard let filename = item["filename"]?.stringValue, !filename.isEmpty else { return nil }
        return Image(filename: filename, subfolder: item["subfolder"]?.stringValue ?? "", type: item["type"]?.stringValue ?? "output")
    }
}
