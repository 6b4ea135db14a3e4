import OrderedCollections
import WeftCore

/// A prompt a worker is running: what `/interrupt`, reconnecting clients and the metrics need to know about it.
struct RunningPrompt: Sendable {
    let promptID: String
    let user: String
    let clientID: String?
    let interruption: InterruptionFlag
    /// The node the client was last told is executing.
    var currentNode: NodeID?
}
