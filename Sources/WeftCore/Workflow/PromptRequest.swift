public import OrderedCollections

/// A workflow submission: the graph plus ComfyUI's envelope fields (`POST /prompt`'s body).
///
/// A bare API-format object is a request with only ``workflow`` set.
public struct PromptRequest: Sendable, Equatable {
    public var workflow: Workflow
    /// Free-form data stored with the prompt (`extra_pnginfo`, `client_id`, …).
    public var extraData: OrderedDictionary<String, JSONValue>
    /// The submitter's WebSocket session id; events go only to it.
    public var clientID: String?
    /// A client-chosen prompt id; the runtime makes one when absent.
    public var promptID: String?
    /// Priority: lower runs first.
    public var number: Double?
    /// When `number` is absent: jump ahead of the queue.
    public var front: Bool
    /// Only these output nodes (and their ancestors) run.
    public var partialExecutionTargets: [NodeID]?

    public init(
        workflow: Workflow,
        extraData: OrderedDictionary<String, JSONValue> = [:],
        clientID: String? = nil,
        promptID: String? = nil,
        number: Double? = nil,
        front: Bool = false,
        partialExecutionTargets: [NodeID]? = nil
    ) {
        self.workflow = workflow
        self.extraData = extraData
        self.clientID = clientID
        self.promptID = promptID
        self.number = number
        self.front = front
        self.partialExecutionTargets = partialExecutionTargets
    }
}
