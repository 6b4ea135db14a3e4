public import WeftCore

/// A prompt accepted into the queue, as stored.
public struct QueuedPrompt: Sendable, Equatable {
    /// The prompt's unique id (a UUID string in ComfyUI).
    public var promptID: String
    /// Priority: lower numbers run first; equal numbers run in submission order.
    public var number: Double
    /// The owner of the prompt; "default" in single-user mode.
    public var user: String
    /// The websocket client that submitted the prompt, if any.
    public var clientID: String?
    /// The API-format workflow object.
    public var prompt: JSONValue
    /// The submission's `extra_data` object.
    public var extraData: JSONValue
    /// The output node ids to execute.
    public var outputsToExecute: [String]
    /// When the prompt was accepted, in milliseconds since 1970.
    public var createdAt: Int64

    /// Creates a prompt record from all of its parts.
    public init(
        promptID: String,
        number: Double,
        user: String,
        clientID: String? = nil,
        prompt: JSONValue,
        extraData: JSONValue,
        outputsToExecute: [String],
        createdAt: Int64
    ) {
        self.promptID = promptID
        self.number = number
        self.user = user
        self.clientID = clientID
        self.prompt = prompt
        self.extraData = extraData
        self.outputsToExecute = outputsToExecute
        self.createdAt = createdAt
    }

    /// The id of the UI workflow this prompt came from: `extra_data.extra_pnginfo.workflow.id` when it is a string.
    var workflowID: String? {
        extraData["extra_pnginfo"]?["workflow"]?["id"]?.stringValue
    }
}
