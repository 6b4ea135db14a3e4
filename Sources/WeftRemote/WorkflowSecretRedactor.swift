import OrderedCollections
public import WeftCore

/// The ``SecretRedactor`` over a ``SecretStore``: in prompts, a literal in an input that holds a secret's name, a
/// known secret's value and anything with a well-known key's shape are replaced by names that resolve to them
/// (so the prompt still runs); in texts they are replaced by `[redacted]`.
public struct WorkflowSecretRedactor: SecretRedactor {
    /// Where names resolve and which values are secret.
    public let secrets: SecretStore

    /// Creates a redactor over `secrets`.
    public init(secrets: SecretStore) {
        self.secrets = secrets
    }

    /// `prompt` (API format; any other JSON is treated as plain data) with its secrets replaced by names.
    public func redactPrompt(_ prompt: JSONValue, registry: NodeRegistry) -> JSONValue {
        guard case .object(let nodes) = prompt else { return referencing(prompt) }
        var redacted = OrderedDictionary<String, JSONValue>()
        for (id, node) in nodes {
            guard case .object(var members) = node, case .object(let inputs)? = members["inputs"] else {
                redacted[id] = referencing(node)
                continue
            }
            let schema = members["class_type"]?.stringValue.flatMap { registry[$0]?.schema }
            var cleaned = OrderedDictionary<String, JSONValue>()
            for (name, value) in inputs {
                if case .string(let text) = value, schema?.input(named: name)?.holdsSecretName == true, !secrets.isName(text) {
                    cleaned[name] = .string(secrets.reference(forLiteral: text))
                } else {
                    cleaned[name] = referencing(value)
                }
            }
            members["inputs"] = .object(cleaned)
            redacted[id] = referencing(.object(members))
        }
        return .object(redacted)
    }

    /// `text` with every secret replaced by `[redacted]`.
    public func redactText(_ text: String) -> String {
        secrets.redact(text)
    }

    /// `value` with every secret in its strings replaced by a name that resolves to it.
    private func referencing(_ value: JSONValue) -> JSONValue {
        value.mappingStrings(secrets.referencing)
    }
}
