import WeftCore
public import WeftRemote

/// What the remote nodes (LLM, remote text-to-image, downloads) share, given by the composition root: secrets by
/// name, the environment their settings may name, and when failed calls are tried again.
public struct RemoteNodeServices: Sendable {
    /// Where API key names resolve.
    public var secrets: SecretStore
    /// Resolves `${NAME:-fallback}` settings.
    public var settings: EnvironmentSettings
    /// When failed remote calls are tried again.
    public var retryPolicy: RetryPolicy

    /// Creates the services.
    public init(secrets: SecretStore, settings: EnvironmentSettings = EnvironmentSettings(), retryPolicy: RetryPolicy = RetryPolicy()) {
        self.secrets = secrets
        self.settings = settings
        self.retryPolicy = retryPolicy
    }

    /// A remote node's cache fingerprint: always changed when its `non_deterministic` input is set, else the
    /// settings the environment resolves to (`resolved`), so that pointing a variable at another provider asks again.
    func fingerprint(_ inputs: NodeInputs, resolved: () throws -> [String]) -> Fingerprint? {
        if (try? inputs.bool("non_deterministic")) == true { return .alwaysChanged }
        guard let settings = try? resolved() else { return nil }
        return .value(.array(settings.map(JSONValue.string)))
    }

    /// The key an API key input names; nil for an empty name (services such as a local Ollama need none).
    func apiKey(named name: String) throws(SecretStoreError) -> String? {
        name.isEmpty ? nil : try secrets.value(named: name)
    }
}
