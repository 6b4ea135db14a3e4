import OrderedCollections
import WeftCore

/// ComfyUI's `status` message: how many prompts are pending or running, with the session id on connect.
enum StatusMessage {
    static func make(queueRemaining: Int, sid: String? = nil) -> JSONValue {
        var data: JSONValue = ["status": ["exec_info": ["queue_remaining": .integer(Int128(queueRemaining))]]]
        if let sid, case .object(var object) = data {
            object["sid"] = .string(sid)
            data = .object(object)
        }
        return ["type": "status", "data": data]
    }
}
