import Foundation
import OrderedCollections
import Synchronization
import WeftCore

/// Forwards one prompt's execution events to the client that submitted it, in the order they happen, and turns
/// them into metrics.
///
/// Differences from ComfyUI, on purpose: events of a prompt submitted without `client_id` go to nobody (ComfyUI
/// broadcasts its `progress` and `progress_state` to every client), so one user never sees another's work.
/// `progress_state` carries every node seen so far, as ComfyUI's does: the executor reports only the node that
/// changed, and this relay keeps the rest.
final class EventRelay: Sendable {
    private struct State {
        var nodeStates: OrderedDictionary<NodeID, JSONValue> = [:]
        var startedAt: [NodeID: ContinuousClock.Instant] = [:]
    }

    let promptID: String
    let clientID: String?
    private let hub: ClientHub
    private let metrics: ServerMetrics
    private let queue: PromptQueue
    private let classTypes: [NodeID: String]
    private let state = Mutex(State())

    init(promptID: String, clientID: String?, hub: ClientHub, metrics: ServerMetrics, queue: PromptQueue, classTypes: [NodeID: String]) {
        self.promptID = promptID
        self.clientID = clientID
        self.hub = hub
        self.metrics = metrics
        self.queue = queue
        self.classTypes = classTypes
    }

    func forward(_ event: ExecutionEvent) {
        switch event {
        case .progressState(let node, let nodeState, _):
            recordTiming(node: node, state: nodeState)
            send(accumulatedProgressState(event))
        case .executing(let node, _, _):
            queue.noteExecuting(node: node, promptID: promptID)
            send(event.message)
        case .preview(let image, _, _):
            sendPreview(image, metadata: event.data)
        default:
            send(event.message)
        }
    }

    private func send(_ message: JSONValue) {
        guard let clientID else { return }
        hub.send(message, to: clientID)
    }

    private func sendPreview(_ image: PreviewImage, metadata: JSONValue) {
        guard let clientID else { return }
        switch hub.previews(sid: clientID) {
        case .none: return
        case .plain: hub.sendBinary(PreviewFrame.plain(image), to: clientID)
        case .withMetadata: hub.sendBinary(PreviewFrame.withMetadata(image, metadata: metadata), to: clientID)
        }
    }

    /// The `progress_state` message with every node seen so far.
    private func accumulatedProgressState(_ event: ExecutionEvent) -> JSONValue {
        guard let changed = event.data["nodes"]?.objectValue else { return event.message }
        let nodes = state.withLock { state -> OrderedDictionary<NodeID, JSONValue> in
            for (node, value) in changed { state.nodeStates[node] = value }
            return state.nodeStates
        }
        return ["type": .string(event.type), "data": ["prompt_id": .string(promptID), "nodes": .object(nodes)]]
    }

    private func recordTiming(node: NodeID, state nodeState: NodeRunState) {
        let now = ContinuousClock.now
        switch nodeState {
        case .running:
            state.withLock { $0.startedAt[node] = now }
        default:
            guard let started = state.withLock({ $0.startedAt.removeValue(forKey: node) }) else { return }
            metrics.nodeRan(classType: classTypes[node] ?? "unknown", duration: now - started)
        }
    }
}
