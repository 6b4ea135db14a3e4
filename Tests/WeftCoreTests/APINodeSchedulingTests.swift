import OrderedCollections
import Synchronization
import Testing

@testable import WeftCore

/// How many nodes are inside their run at once, and the most there ever were.
private final class InFlightGauge: Sendable {
    private let counts = Mutex((now: 0, most: 0))

    var most: Int { counts.withLock { $0.most } }

    func around(_ work: () async throws -> Void) async rethrows {
        counts.withLock { counts in
            counts.now += 1
            counts.most = max(counts.most, counts.now)
        }
        defer { counts.withLock { $0.now -= 1 } }
        try await work()
    }
}

/// Replaces every `SECRET-VALUE` with `[redacted]`.
private struct LiteralRedactor: SecretRedactor {
    func redactPrompt(_ prompt: JSONValue, registry: NodeRegistry) -> JSONValue { redactStrings(in: prompt) }
    func redactText(_ text: String) -> String { text.replacing("SECRET-VALUE", with: "[redacted]") }
}

@Suite("API nodes and redaction in the executor")
struct APINodeSchedulingTests {
    /// An output node that waits 150 ms inside the gauge; an API node when `remote`.
    private func waitingNode(_ className: String, remote: Bool, gauge: InFlightGauge) -> ClosureNode {
        ClosureNode(
            schema: NodeSchema(className: className, inputs: [.int("index")], outputs: [], isOutputNode: true, isAPINode: remote),
            body: { _, _ in
                try await gauge.around { try await Task.sleep(for: .milliseconds(150)) }
                return NodeOutput(slots: [])
            })
    }

    private func workflow(_ className: String, count: Int) -> String {
        "{" + (1...count).map { #""\#($0)": {"class_type": "\#(className)", "inputs": {"index": \#($0)}}"# }.joined(separator: ",") + "}"
    }

    @Test("API nodes run beyond the local concurrency limit; other nodes keep to it")
    func apiNodesHaveTheirOwnLimit() async throws {
        let remote = InFlightGauge()
        let local = InFlightGauge()
        let registry = try NodeRegistry([waitingNode("Remote", remote: true, gauge: remote), waitingNode("Local", remote: false, gauge: local)])
        let executor = PromptExecutor(configuration: ExecutorConfiguration(maxConcurrentNodes: 2, maxConcurrentAPINodes: 6))
        let remoteOutcome = await run(try makePlan(workflow("Remote", count: 8), registry: registry), executor: executor)
        let localOutcome = await run(try makePlan(workflow("Local", count: 8), registry: registry), executor: executor)
        #expect(remoteOutcome.status == .success)
        #expect(localOutcome.status == .success)
        #expect(remote.most == 6, "eight API nodes, at most six at once")
        #expect(local.most == 2, "eight local nodes, at most two at once")
    }

    @Test("error messages, error inputs and UI outputs pass through the redactor")
    func reportsAreRedacted() async throws {
        let registry = try NodeRegistry([
            ClosureNode(
                schema: NodeSchema(className: "Echo", inputs: [.string("text")], outputs: [], isOutputNode: true),
                body: { inputs, _ in NodeOutput(slots: [], ui: ["text": [.string(try inputs.string("text"))]]) }),
            ClosureNode(
                schema: NodeSchema(className: "Fail", inputs: [.string("text")], outputs: [OutputSpec("STRING")]),
                body: { inputs, _ in throw TestFailure(message: "refused \(try inputs.string("text"))") }),
            ClosureNode(
                schema: NodeSchema(className: "Show", inputs: [.socket("value", "*")], outputs: [], isOutputNode: true),
                body: { _, _ in NodeOutput(slots: []) }),
        ])
        let executor = PromptExecutor(configuration: ExecutorConfiguration(redactor: LiteralRedactor()))
        let events = EventRecorder()
        let shown = await run(
            try makePlan(#"{"1": {"class_type": "Echo", "inputs": {"text": "key SECRET-VALUE"}}}"#, registry: registry), executor: executor,
            events: events)
        #expect(shown.outputs["1"] == ["text": ["key [redacted]"]])
        let failed = await run(
            try makePlan(
                #"{"1": {"class_type": "Fail", "inputs": {"text": "SECRET-VALUE"}}, "2": {"class_type": "Show", "inputs": {"value": ["1", 0]}}}"#,
                registry: registry), executor: executor, events: events)
        guard case .failed(let report) = failed.status else {
            Issue.record("expected a failure, got \(failed.status)")
            return
        }
        #expect(report.exceptionMessage == "refused [redacted]")
        #expect(report.currentInputs["text"] == ["[redacted]"])
        #expect(!events.all.map { $0.message.serialized() }.joined().contains("SECRET-VALUE"))
    }
}
