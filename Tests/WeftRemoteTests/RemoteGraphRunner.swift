import Foundation
import OrderedCollections
import RemoteTestSupport
import Synchronization
import WeftCore
import WeftImage
import WeftNodes
import WeftRemote

/// Runs API-format workflows through the built-in nodes with remote services over a given environment, keeping
/// the output cache between runs, and records every event.
final class RemoteGraphRunner: Sendable {
    let registry: NodeRegistry
    let secrets: SecretStore
    let executor: PromptExecutor
    private let recorded = Mutex<[ExecutionEvent]>([])

    /// A runner whose key names resolve in `environment` and whose retries do not wait.
    init(environment: [String: String], recorder: SleepRecorder = SleepRecorder()) throws {
        secrets = SecretStore(environment: environment)
        let services = RemoteNodeServices(
            secrets: secrets, settings: EnvironmentSettings(environment: environment), retryPolicy: recorder.policy())
        registry = try BuiltinNodes.registry(remoteServices: services)
        executor = PromptExecutor(configuration: ExecutorConfiguration(redactor: WorkflowSecretRedactor(secrets: secrets)))
    }

    /// Every event of every run so far.
    var events: [ExecutionEvent] { recorded.withLock { $0 } }

    /// Validates and runs `workflow` (API-format JSON text); raising `interruption` stops it.
    func run(_ workflow: String, interruption: InterruptionFlag = InterruptionFlag()) async throws -> ExecutionOutcome {
        let request = try WorkflowParser().parseRequest(Array(workflow.utf8))
        let validation = PromptValidator(registry: registry).validate(request)
        guard let plan = validation.plan else { throw ValidationFailed(outcome: validation) }
        let context = PromptRunContext(
            promptID: UUID().uuidString, directories: DataDirectories(root: FileManager.default.temporaryDirectory), interruption: interruption)
        return await executor.execute(plan, context: context) { event in self.recorded.withLock { $0.append(event) } }
    }

    /// The progress values reported by `node`, in order.
    func progress(of node: NodeID) -> [[Int]] {
        events.compactMap { event in
            guard case .progress(let value, let max, node, _) = event else { return nil }
            return [value, max]
        }
    }
}

/// A real PNG of one colour (`rgb`, 0…255), `width` × `height`.
func solidPNG(width: Int, height: Int, rgb: [UInt8]) throws -> [UInt8] {
    let pixels = (0..<(width * height)).flatMap { _ in rgb }
    return try ImageEncoder.png(try RasterImage(width: width, height: height, channels: 3, pixels: pixels))
}

/// A workflow the validator refused.
struct ValidationFailed: Error {
    let outcome: ValidationOutcome
}

extension ExecutionOutcome {
    /// The text a `PreviewAny` node showed.
    func previewText(_ node: NodeID) -> String? {
        outputs[node]?["text"]?.arrayValue?.first?.stringValue
    }

    /// The error report when the run failed.
    var failure: ExecutionErrorReport? {
        if case .failed(let report) = status { return report }
        return nil
    }
}
