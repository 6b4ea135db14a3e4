import Foundation
import Logging
import OrderedCollections
import WeftCore
import WeftStore

/// Runs one claimed prompt to its history record: re-reads and re-validates the stored workflow (files and nodes may
/// have changed since it was queued, or the server restarted), executes it, relays its events to the submitting
/// client, and afterwards applies retention, metrics and the webhook.
struct PromptRunner: Sendable {
    let registry: NodeRegistry
    let executor: PromptExecutor
    let directories: UserDirectories
    let hub: ClientHub
    let metrics: ServerMetrics
    let webhook: WebhookNotifier
    let retention: HistoryRetention
    let logger: Logger

    func run(_ prompt: QueuedPrompt, interruption: InterruptionFlag, queue: PromptQueue) async -> HistoryRecord {
        let startedAt = ExecutionEvent.now()
        let plan: ExecutionPlan
        do {
            plan = try makePlan(prompt)
        } catch {
            return failedBeforeStart(prompt, message: error.message, startedAt: startedAt)
        }
        let relay = EventRelay(
            promptID: prompt.promptID, clientID: prompt.clientID, hub: hub, metrics: metrics, queue: queue,
            classTypes: plan.workflow.nodes.mapValues(\.classType).reduce(into: [:]) { $0[$1.key] = $1.value })
        let context = PromptRunContext(
            promptID: prompt.promptID,
            extraData: prompt.extraData.objectValue ?? [:],
            directories: directories.directories(for: prompt.user),
            interruption: interruption
        )
        let outcome = await executor.execute(plan, context: context) { relay.forward($0) }
        return HistoryRecord(
            prompt: prompt,
            outputs: .object(outcome.outputs),
            statusString: outcome.statusString,
            completed: outcome.status == .success,
            messages: .array(outcome.messages.map { [.string($0.type), $0.data] }),
            meta: .object(OrderedDictionary(uniqueKeysWithValues: outcome.outputs.keys.map { ($0, Self.meta(for: $0)) })),
            startedAt: startedAt,
            finishedAt: ExecutionEvent.now()
        )
    }

    /// After the record is stored: retention, logs, metrics and the completion webhook.
    func afterFinish(_ record: HistoryRecord) {
        metrics.promptFinished(status: record.jobStatus)
        logger.info(
            "prompt finished",
            metadata: [
                "prompt_id": .string(record.prompt.promptID), "status": .string(record.statusString),
                "duration_ms": .stringConvertible(record.finishedAt - (record.startedAt ?? record.finishedAt)),
            ])
        retention.apply()
        webhook.notify(record)
    }

    private struct PlanFailure: Error {
        let message: String
    }

    private func makePlan(_ prompt: QueuedPrompt) throws(PlanFailure) -> ExecutionPlan {
        let workflow: Workflow
        do {
            workflow = try WorkflowParser().parseWorkflow(prompt.prompt, at: JSONPath())
        } catch {
            throw PlanFailure(message: "The stored workflow can no longer be read: \(error)")
        }
        let outcome = PromptValidator(registry: registry).validate(workflow, partialExecutionTargets: prompt.outputsToExecute)
        guard let plan = outcome.plan else {
            let reason = outcome.error.map { "\($0.message): \($0.details)" } ?? "no output can run"
            throw PlanFailure(message: "The workflow is no longer valid on this server. \(reason)")
        }
        return plan
    }

    /// A history record for a prompt that could not start; its client hears `execution_error`.
    private func failedBeforeStart(_ prompt: QueuedPrompt, message: String, startedAt: Int64) -> HistoryRecord {
        let report = ExecutionErrorReport(
            promptID: prompt.promptID, nodeID: "", nodeType: "", executed: [], exceptionMessage: message,
            exceptionType: "WorkflowInvalid", traceback: [], currentInputs: [:], currentOutputs: [], timestamp: ExecutionEvent.now())
        let event = ExecutionEvent.executionError(report)
        if let client = prompt.clientID { hub.send(event.message, to: client) }
        let start = ExecutionEvent.executionStart(promptID: prompt.promptID, timestamp: startedAt)
        return HistoryRecord(
            prompt: prompt, outputs: [:], statusString: "error", completed: false,
            messages: [[.string(start.type), start.data], [.string(event.type), event.data]], meta: [:],
            startedAt: startedAt, finishedAt: ExecutionEvent.now())
    }

    static func meta(for node: NodeID) -> JSONValue {
        ["node_id": .string(node), "display_node": .string(node), "parent_node": .null, "real_node_id": .string(node)]
    }
}
