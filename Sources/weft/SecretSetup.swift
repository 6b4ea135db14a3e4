import Foundation
import WeftNodes
import WeftRemote

/// The secrets a command runs with: API keys from the environment and the data directory's `secrets.json`, the
/// remote nodes' services over them, and the redactor that keeps them out of everything stored or shown.
struct SecretSetup {
    /// Where key names resolve.
    let store: SecretStore

    /// Reads `secrets.json` in `dataDirectory` (a missing file holds no secrets).
    ///
    /// - Throws: `SecretStoreError.unreadableFile` naming the file when it exists but is not a JSON object of strings.
    init(dataDirectory: URL) throws {
        store = try SecretStore(dataDirectory: dataDirectory)
    }

    /// What the remote nodes need.
    var services: RemoteNodeServices { RemoteNodeServices(secrets: store) }

    /// What keeps secrets out of prompts, errors and logs.
    var redactor: WorkflowSecretRedactor { WorkflowSecretRedactor(secrets: store) }
}
