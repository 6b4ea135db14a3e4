import OrderedCollections

/// Keeps secrets (API keys) out of everything Weft stores or shows: prompts before they are queued, run or written
/// into image metadata, and texts such as error messages and logs.
///
/// The composition root supplies the implementation (it knows where secrets live); the server, the command line
/// and the executor only call it.
public protocol SecretRedactor: Sendable {
    /// An API-format prompt with every literal secret replaced by a reference the running process can still
    /// resolve, so the prompt runs as submitted but can be stored and shown. `registry` tells which inputs hold
    /// secret names (``InputSpec/holdsSecretName``).
    func redactPrompt(_ prompt: JSONValue, registry: NodeRegistry) -> JSONValue

    /// `text` with every known secret replaced.
    func redactText(_ text: String) -> String
}

extension SecretRedactor {
    /// `value` with ``redactText(_:)`` applied to every string in it, object keys included.
    public func redactStrings(in value: JSONValue) -> JSONValue {
        value.mappingStrings(redactText)
    }

    /// A submission as it may be stored and run: its workflow through ``redactPrompt(_:registry:)`` and every
    /// string of its extra data (the UI workflow in `extra_pnginfo` among them) through ``redactText(_:)``.
    /// Redact the workflow before any other copy of the prompt, so that secrets found in it are known afterwards.
    ///
    /// - Throws: `WorkflowError` only if the redacted workflow no longer parses, which redaction never causes.
    public func redact(_ request: PromptRequest, registry: NodeRegistry) throws(WorkflowError) -> PromptRequest {
        var redacted = request
        let workflow = redactPrompt(request.workflow.json, registry: registry)
        redacted.workflow = try WorkflowParser().parseWorkflow(workflow, at: JSONPath())
        redacted.extraData = redactStrings(in: .object(request.extraData)).objectValue ?? [:]
        return redacted
    }
}
