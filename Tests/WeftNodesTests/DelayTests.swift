import Foundation
import OrderedCollections
import Synchronization
import Testing
import WeftCore
import WeftNodes

@Suite("Delay")
struct DelayTests {
    @Test("passes its value through after the wait, reporting progress in 100 ms ticks")
    func passesThrough() async throws {
        let request = try WorkflowParser().parseRequest(
            Array(
                #"{"1": {"class_type": "PrimitiveString", "inputs": {"value": "late"}}, "2": {"class_type": "Delay", "inputs": {"value": ["1", 0], "seconds": 0.3}}, "3": {"class_type": "PreviewAny", "inputs": {"source": ["2", 0]}}}"#
                    .utf8))
        let registry = try BuiltinNodes.registry()
        let plan = try #require(PromptValidator(registry: registry).validate(request).plan)
        let directories = DataDirectories(root: FileManager.default.temporaryDirectory)
        let progress = ProgressLog()
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await PromptExecutor().execute(plan, context: PromptRunContext(promptID: "p", directories: directories)) { event in
            if case .progress(let value, let max, "2", _) = event { progress.append(value, max) }
        }
        let elapsed = clock.now - started
        #expect(outcome.status == .success)
        #expect(outcome.outputs["3"] == ["text": ["late"]])
        #expect(elapsed >= .milliseconds(300))
        #expect(progress.values == [[0, 3], [1, 3], [2, 3], [3, 3]])
    }

    @Test("an interrupt ends the wait long before it is over")
    func interruptible() async throws {
        let request = try WorkflowParser().parseRequest(
            Array(
                #"{"1": {"class_type": "Delay", "inputs": {"value": 1, "seconds": 30}}, "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}}}"#
                    .utf8))
        let plan = try #require(PromptValidator(registry: try BuiltinNodes.registry()).validate(request).plan)
        let flag = InterruptionFlag()
        let context = PromptRunContext(promptID: "p", directories: DataDirectories(root: FileManager.default.temporaryDirectory), interruption: flag)
        let clock = ContinuousClock()
        let started = clock.now
        Task {
            try await Task.sleep(for: .milliseconds(200))
            flag.raise()
        }
        let outcome = await PromptExecutor().execute(plan, context: context)
        guard case .interrupted = outcome.status else {
            Issue.record("expected an interrupted run, got \(outcome.status)")
            return
        }
        #expect(clock.now - started < .seconds(5))
    }
}

/// Progress values seen, collected from the executor's event callback.
private final class ProgressLog: Sendable {
    private let seen = Mutex<[[Int]]>([])

    func append(_ value: Int, _ max: Int) { seen.withLock { $0.append([value, max]) } }
    var values: [[Int]] { seen.withLock { $0 } }
}
