import Foundation
import HTTPTypes
import Logging
import OrderedCollections
import Synchronization
import WeftCore
import WeftStore

/// The server's queue: accepts validated prompts into the durable store, runs them on `workers` workers, and
/// answers the queue's control routes (interrupt, cancel, delete, pause).
///
/// The store is the queue: a prompt is on disk before its submitter hears `200`, and workers claim prompts from it,
/// so a restart loses nothing. This type holds only what lives for one process: which prompts are running and
/// their interruption flags, and the paused flag's cached value.
final class PromptQueue: Sendable {
    let store: JobStore
    let runner: PromptRunner
    let hub: ClientHub
    let metrics: ServerMetrics
    let logger: Logger
    private let validator: PromptValidator
    private let redactor: (any SecretRedactor)?
    private let wake = WakeSignal()
    private let state: Mutex<State>

    private struct State {
        var running: [String: RunningPrompt] = [:]
        var paused: Bool
    }

    init(
        store: JobStore, registry: NodeRegistry, redactor: (any SecretRedactor)?, runner: PromptRunner, hub: ClientHub,
        metrics: ServerMetrics, logger: Logger
    ) throws {
        self.store = store
        self.redactor = redactor
        self.runner = runner
        self.hub = hub
        self.metrics = metrics
        self.logger = logger
        validator = PromptValidator(registry: registry)
        state = Mutex(State(paused: try store.setting(Self.pausedSetting) == "true"))
    }

    static let pausedSetting = "queue.paused"

    // MARK: submission

    /// Validates and stores a prompt; returns what `POST /prompt` answers. Throws a 400 ``APIError`` in ComfyUI's
    /// shape when nothing valid is left to run. `rawPrompt` is the workflow JSON as the client sent it, which is what
    /// the queue and history show (key order included), as in ComfyUI. Secrets are redacted from both first, so
    /// neither the store nor a validation error ever holds one.
    func submit(_ submitted: PromptRequest, rawPrompt submittedPrompt: JSONValue, user: String) throws -> (
        promptID: String, number: Double, nodeErrors: JSONValue
    ) {
        var request = submitted
        var rawPrompt = submittedPrompt
        if let redactor {
            request = try redactor.redact(submitted, registry: validator.registry)
            rawPrompt = redactor.redactPrompt(submittedPrompt, registry: validator.registry)
        }
        let outcome = validator.validate(request)
        guard outcome.error == nil, let plan = outcome.plan else {
            throw Self.rejection(outcome)
        }
        let number: Double
        if let requested = request.number {
            number = requested
        } else {
            let counter = Double(try store.nextNumber())
            number = request.front ? -counter : counter
        }
        let prompt = QueuedPrompt(
            promptID: request.promptID ?? UUID().uuidString.lowercased(),
            number: number,
            user: user,
            clientID: request.clientID,
            prompt: rawPrompt,
            extraData: SecretScrubber.storableExtraData(request.extraData, clientID: request.clientID),
            outputsToExecute: plan.outputs,
            createdAt: ExecutionEvent.now()
        )
        do {
            try store.enqueue(prompt)
        } catch {
            guard case .duplicatePromptID(let id) = error else { throw error }
            throw APIError.badRequest("duplicate_prompt_id", "A prompt with this id is already queued or in history.", details: id)
        }
        metrics.promptAccepted()
        broadcastStatus()
        wake.notifyAll()
        return (prompt.promptID, number, outcome.nodeErrorsJSON)
    }

    private static func rejection(_ outcome: ValidationOutcome) -> APIError {
        let body = outcome.errorResponseJSON
        let error = body?["error"]
        return APIError(
            .badRequest,
            type: error?["type"]?.stringValue ?? "invalid_prompt",
            message: error?["message"]?.stringValue ?? "Prompt is invalid.",
            details: error?["details"]?.stringValue ?? "",
            nodeErrors: outcome.nodeErrorsJSON
        )
    }

    // MARK: state

    /// Pending plus running prompts, across users: ComfyUI's `queue_remaining`.
    func queueRemaining() -> Int {
        guard let counts = try? store.queueCounts(user: nil) else { return 0 }
        return counts.pending + counts.running
    }

    /// Tells every client how many prompts remain.
    func broadcastStatus() {
        let remaining = queueRemaining()
        metrics.queueDepth(remaining)
        hub.broadcast(StatusMessage.make(queueRemaining: remaining))
    }

    var isPaused: Bool { state.withLock { $0.paused } }

    /// Stops workers from starting new prompts (running ones finish), remembered across restarts.
    func setPaused(_ paused: Bool) throws {
        try store.setSetting(Self.pausedSetting, to: paused ? "true" : nil)
        state.withLock { $0.paused = paused }
        if !paused { wake.notifyAll() }
    }

    // MARK: control

    /// Interrupts one running prompt (when `promptID` is given and running for this user) or every running prompt
    /// of the user (nil user = everyone's). Returns the interrupted ids.
    @discardableResult
    func interrupt(promptID: String?, user: String?) -> [String] {
        let targets = state.withLock { state in
            state.running.values.filter { running in
                (user == nil || running.user == user) && (promptID == nil || running.promptID == promptID)
            }
        }
        for target in targets { target.interruption.raise() }
        return targets.map(\.promptID)
    }

    /// Removes pending prompts; broadcasts the new status when something changed.
    func deletePending(_ ids: [String], user: String?) throws -> [String] {
        let removed = try store.deletePending(ids, user: user)
        if !removed.isEmpty { broadcastStatus() }
        return removed
    }

    /// Removes every pending prompt of a user.
    func clearPending(user: String?) throws -> [String] {
        let removed = try store.clearPending(user: user)
        if !removed.isEmpty { broadcastStatus() }
        return removed
    }

    /// A reconnecting client whose prompt is running hears which node is executing (ComfyUI §4.1).
    func resendCurrentNode(toClient sid: String) {
        let current = state.withLock { state in state.running.values.first { $0.clientID == sid && $0.currentNode != nil } }
        guard let current, let node = current.currentNode else { return }
        hub.send(
            ["type": "executing", "data": ["node": .string(node), "display_node": .string(node), "prompt_id": .string(current.promptID)]], to: sid)
    }

    func noteExecuting(node: NodeID, promptID: String) {
        state.withLock { $0.running[promptID]?.currentNode = node }
    }

    // MARK: workers

    /// Runs `count` workers until the task is cancelled.
    func runWorkers(count: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, count) {
                group.addTask { await self.workLoop() }
            }
        }
    }

    private func workLoop() async {
        while !Task.isCancelled {
            if isPaused {
                await wake.wait()
                continue
            }
            do {
                guard let prompt = try store.claimNext(now: ExecutionEvent.now()) else {
                    await wake.wait()
                    continue
                }
                await run(prompt)
            } catch {
                logger.error("could not read the queue", metadata: ["error": .string(error.description)])
                if case .corruptRow(let promptID, _, _) = error {
                    // An unreadable prompt would block the queue forever; set it aside so the rest can run.
                    _ = try? store.deletePending([promptID], user: nil)
                } else {
                    // The database may be busy or briefly unavailable: try again soon rather than at the next prompt.
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func run(_ prompt: QueuedPrompt) async {
        let interruption = InterruptionFlag()
        state.withLock {
            $0.running[prompt.promptID] = RunningPrompt(
                promptID: prompt.promptID, user: prompt.user, clientID: prompt.clientID, interruption: interruption)
        }
        broadcastStatus()
        let record = await runner.run(prompt, interruption: interruption, queue: self)
        if Task.isCancelled, !record.completed {
            // The server is stopping and cut this prompt short: leave it marked running, so the next start treats it
            // as a crash would (failed with a clear message, or queued again with --requeue-interrupted).
            state.withLock { _ = $0.running.removeValue(forKey: prompt.promptID) }
            logger.notice("prompt left for recovery at the next start", metadata: ["prompt_id": .string(prompt.promptID)])
            return
        }
        do {
            try store.finish(record)
        } catch {
            logger.error(
                "could not record a finished prompt", metadata: ["prompt_id": .string(prompt.promptID), "error": .string(error.description)])
        }
        state.withLock { _ = $0.running.removeValue(forKey: prompt.promptID) }
        runner.afterFinish(record)
        broadcastStatus()
        if let client = prompt.clientID {
            hub.send(["type": "executing", "data": ["node": .null, "prompt_id": .string(prompt.promptID)]], to: client)
        }
        // Another worker may be waiting for a prompt that arrived while this one ran.
        wake.notifyAll()
    }
}
