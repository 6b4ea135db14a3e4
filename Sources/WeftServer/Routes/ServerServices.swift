import Foundation
import OrderedCollections
import WeftCore
import WeftStore

/// What route handlers share: the queue, the store, file locations and the fixed answers computed once at start.
struct ServerServices: Sendable {
    let configuration: ServerConfiguration
    let queue: PromptQueue
    let store: JobStore
    let hub: ClientHub
    let metrics: ServerMetrics
    let directories: UserDirectories
    let catalog: ModelCatalog
    let executor: PromptExecutor
    /// `/object_info`, serialized once: the node set does not change while the server runs.
    let objectInfo: JSONValue
    /// `/features` and the WebSocket `feature_flags` reply.
    let features: JSONValue

    var bodyLimit: Int { configuration.maxUploadBytes }

    /// The root folder of a file type (`output`, `input`, `temp`) for a user, or nil for any other type.
    func folder(ofType type: String, user: String) -> URL? {
        let scoped = directories.directories(for: user)
        switch type {
        case "output": return scoped.output
        case "input": return scoped.input
        case "temp": return scoped.temp
        default: return nil
        }
    }
}
