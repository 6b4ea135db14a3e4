import Foundation
public import OrderedCollections

/// A progress or outcome notice from a running prompt, shaped like ComfyUI's WebSocket messages
/// (`{"type": …, "data": …}`), so the server can forward it as is and the CLI can draw from it.
public enum ExecutionEvent: Sendable {
    case executionStart(promptID: String, timestamp: Int64)
    /// Nodes whose outputs were reused from the cache.
    case executionCached(nodes: [NodeID], promptID: String, timestamp: Int64)
    /// A node is about to run.
    case executing(node: NodeID, displayNode: NodeID, promptID: String)
    case progress(value: Int, max: Int, node: NodeID, promptID: String)
    /// A node sent an image of its work in progress. Servers send it as a binary frame; ``data`` is its metadata.
    case preview(PreviewImage, node: NodeID, promptID: String)
    /// A node started running, finished, or failed (ComfyUI's `progress_state`). ComfyUI's message carries every node
    /// seen so far; this one carries only the node that changed, so a server speaking to ComfyUI clients
    /// accumulates them per prompt.
    case progressState(node: NodeID, state: NodeRunState, promptID: String)
    /// A node produced UI data (or an output node was a cache hit and its UI data is re-sent).
    case executed(node: NodeID, displayNode: NodeID, output: JSONValue?, promptID: String)
    case executionSuccess(promptID: String, timestamp: Int64)
    case executionError(ExecutionErrorReport)
    case executionInterrupted(InterruptionReport)

    /// ComfyUI's message type, e.g. `"execution_start"`.
    public var type: String {
        switch self {
        case .executionStart: "execution_start"
        case .executionCached: "execution_cached"
        case .executing: "executing"
        case .progress: "progress"
        case .preview: "preview"
        case .progressState: "progress_state"
        case .executed: "executed"
        case .executionSuccess: "execution_success"
        case .executionError: "execution_error"
        case .executionInterrupted: "execution_interrupted"
        }
    }

    /// The message payload, key for key as ComfyUI sends it.
    public var data: JSONValue {
        switch self {
        case .executionStart(let promptID, let timestamp):
            ["prompt_id": .string(promptID), "timestamp": .integer(Int128(timestamp))]
        case .executionCached(let nodes, let promptID, let timestamp):
            ["nodes": .array(nodes.map(JSONValue.string)), "prompt_id": .string(promptID), "timestamp": .integer(Int128(timestamp))]
        case .executing(let node, let displayNode, let promptID):
            ["node": .string(node), "display_node": .string(displayNode), "prompt_id": .string(promptID)]
        case .progress(let value, let max, let node, let promptID):
            ["value": .integer(Int128(value)), "max": .integer(Int128(max)), "prompt_id": .string(promptID), "node": .string(node)]
        case .preview(let image, let node, let promptID):
            [
                "node_id": .string(node), "prompt_id": .string(promptID), "display_node_id": .string(node), "parent_node_id": .null,
                "real_node_id": .string(node), "image_type": .string(image.format.mimeType),
            ]
        case .progressState(let node, let state, let promptID):
            [
                "prompt_id": .string(promptID),
                "nodes": .object([
                    node: [
                        "value": state == .running ? 0 : 1, "max": 1, "state": .string(state.rawValue),
                        "node_id": .string(node), "prompt_id": .string(promptID), "display_node_id": .string(node),
                        "parent_node_id": .null, "real_node_id": .string(node),
                    ]
                ]),
            ]
        case .executed(let node, let displayNode, let output, let promptID):
            ["node": .string(node), "display_node": .string(displayNode), "output": output ?? .null, "prompt_id": .string(promptID)]
        case .executionSuccess(let promptID, let timestamp):
            ["prompt_id": .string(promptID), "timestamp": .integer(Int128(timestamp))]
        case .executionError(let report): report.json
        case .executionInterrupted(let report): report.json
        }
    }

    /// The whole message, `{"type": …, "data": …}`.
    public var message: JSONValue { ["type": .string(type), "data": data] }

    /// Milliseconds since 1970, ComfyUI's timestamp unit.
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// Where a node stands in a run, as ComfyUI's `progress_state` names it.
public enum NodeRunState: String, Sendable {
    case running
    case finished
    case error
}

/// Why a prompt failed: the node, its class, the error and the inputs it was given (`execution_error`'s payload).
public struct ExecutionErrorReport: Sendable, Equatable {
    public var promptID: String
    public var nodeID: NodeID
    public var nodeType: String
    /// Nodes that had run in this prompt before the failure.
    public var executed: [NodeID]
    public var exceptionMessage: String
    /// The Swift type of the error, e.g. `"WeftNodes.MathError"`.
    public var exceptionType: String
    public var traceback: [String]
    /// Input name to its items, summarised (plain values as JSON, payloads as their summary).
    public var currentInputs: OrderedDictionary<String, [JSONValue]>
    /// Nodes whose outputs were cached when the prompt started.
    public var currentOutputs: [NodeID]
    public var timestamp: Int64

    public init(
        promptID: String, nodeID: NodeID, nodeType: String, executed: [NodeID], exceptionMessage: String,
        exceptionType: String, traceback: [String] = [], currentInputs: OrderedDictionary<String, [JSONValue]> = [:],
        currentOutputs: [NodeID] = [], timestamp: Int64 = ExecutionEvent.now()
    ) {
        self.promptID = promptID
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.executed = executed
        self.exceptionMessage = exceptionMessage
        self.exceptionType = exceptionType
        self.traceback = traceback
        self.currentInputs = currentInputs
        self.currentOutputs = currentOutputs
        self.timestamp = timestamp
    }

    public var json: JSONValue {
        [
            "prompt_id": .string(promptID), "node_id": .string(nodeID), "node_type": .string(nodeType),
            "executed": .array(executed.map(JSONValue.string)), "exception_message": .string(exceptionMessage),
            "exception_type": .string(exceptionType), "traceback": .array(traceback.map(JSONValue.string)),
            "current_inputs": .object(currentInputs.mapValues(JSONValue.array)),
            "current_outputs": .array(currentOutputs.map(JSONValue.string)), "timestamp": .integer(Int128(timestamp)),
        ]
    }
}

/// Where a prompt was interrupted (`execution_interrupted`'s payload).
public struct InterruptionReport: Sendable, Equatable {
    public var promptID: String
    /// The node that was running, if any.
    public var nodeID: NodeID?
    public var nodeType: String?
    public var executed: [NodeID]
    public var timestamp: Int64

    public init(promptID: String, nodeID: NodeID?, nodeType: String?, executed: [NodeID], timestamp: Int64 = ExecutionEvent.now()) {
        self.promptID = promptID
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.executed = executed
        self.timestamp = timestamp
    }

    public var json: JSONValue {
        [
            "prompt_id": .string(promptID), "node_id": nodeID.map(JSONValue.string) ?? .null,
            "node_type": nodeType.map(JSONValue.string) ?? .null, "executed": .array(executed.map(JSONValue.string)),
            "timestamp": .integer(Int128(timestamp)),
        ]
    }
}
