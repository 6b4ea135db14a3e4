import OrderedCollections
import WeftCore
import WeftStore

extension HistoryRecord {
    /// The jobs API's name for how the prompt ended.
    var jobStatus: JobStatus { statusString == "success" ? .completed : .failed }

    /// The terminal `execution_error` or `execution_interrupted` payload, when the prompt did not succeed.
    var failureMessage: JSONValue? {
        guard !completed, let messages = messages.arrayValue else { return nil }
        for message in messages.reversed() {
            guard let pair = message.arrayValue, pair.count == 2, let type = pair[0].stringValue else { continue }
            if type == "execution_error" || type == "execution_interrupted" { return pair[1] }
        }
        return nil
    }
}
