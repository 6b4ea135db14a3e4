import Foundation
import OrderedCollections
import Synchronization
import Testing

@testable import WeftCore

/// A node whose behaviour is given by closures, so each test declares exactly the node it needs.
struct ClosureNode: Node {
    let schema: NodeSchema
    var body: @Sendable (NodeInputs, NodeContext) async throws -> NodeOutput
    var lazyNeeds: (@Sendable (NodeInputs) -> [String])?
    var fingerprintBody: (@Sendable (NodeInputs) throws -> Fingerprint?)?

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        try await body(inputs, context)
    }

    func lazyInputsNeeded(_ inputs: NodeInputs, context: NodeContext) async throws -> [String] {
        if let lazyNeeds { return lazyNeeds(inputs) }
        return schema.inputs.filter { $0.isLazy && !inputs.has($0.name) }.map(\.name)
    }

    func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try fingerprintBody?(inputs)
    }
}

/// Records which nodes ran, in order, across tasks.
final class RunLog: Sendable {
    private let entries = Mutex<[NodeID]>([])

    func record(_ id: NodeID) { entries.withLock { $0.append(id) } }
    var ids: [NodeID] { entries.withLock { $0 } }
    func count(of id: NodeID) -> Int { ids.filter { $0 == id }.count }
}

/// The nodes the execution tests use, all logging into one ``RunLog``.
struct TestCatalogue {
    let log = RunLog()
    /// Bumped by tests to change the fingerprint of `TestFile` nodes.
    let fileVersion = FileVersion()

    func registry(extra: [any Node] = []) throws -> NodeRegistry {
        try NodeRegistry(nodes + extra)
    }

    var nodes: [any Node] {
        let log = log
        let fileVersion = fileVersion
        return [
            ClosureNode(
                schema: NodeSchema(className: "TestText", inputs: [.string("text")], outputs: [OutputSpec("STRING")]),
                body: { inputs, context in
                    log.record(context.nodeID)
                    return NodeOutput(.string(try inputs.string("text")))
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestJoin",
                    inputs: [.socket("a", "STRING"), .socket("b", "STRING")],
                    outputs: [OutputSpec("STRING")]
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    let joined = try inputs.string("a") + inputs.string("b")
                    return NodeOutput(.string(joined))
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestShow", inputs: [.socket("value", "*")], outputs: [], isOutputNode: true
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    return NodeOutput(slots: [], ui: ["text": try inputs.list("value").map { .string($0.summary) }])
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestSleep",
                    inputs: [.int("milliseconds", default: 300, min: 0), .string("text")],
                    outputs: [OutputSpec("STRING")]
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    try await Task.sleep(for: .milliseconds(try inputs.int("milliseconds")))
                    return NodeOutput(.string(try inputs.string("text")))
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestSwitch",
                    inputs: [.boolean("switch"), InputSpec.socket("on_false", "*").lazy, InputSpec.socket("on_true", "*").lazy],
                    outputs: [OutputSpec("*")]
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    return NodeOutput(try inputs.value(try inputs.bool("switch") ? "on_true" : "on_false"))
                },
                lazyNeeds: { inputs in
                    let name = (try? inputs.bool("switch")) == true ? "on_true" : "on_false"
                    return inputs.has(name) ? [] : [name]
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestSplit", inputs: [.string("text")], outputs: [OutputSpec("STRING", isList: true)]
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    let parts = try inputs.string("text").split(separator: ",").map { Value.string(String($0)) }
                    return NodeOutput(slots: [parts])
                }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestCount", inputs: [.socket("items", "STRING")], outputs: [OutputSpec("INT")],
                    inputIsList: true
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    return NodeOutput(.int(Int128(try inputs.list("items").count)))
                }
            ),
            ClosureNode(
                schema: NodeSchema(className: "TestFail", inputs: [.string("text")], outputs: [OutputSpec("STRING")]),
                body: { inputs, context in
                    log.record(context.nodeID)
                    throw TestFailure(message: "refused: \(try inputs.string("text"))")
                }
            ),
            ClosureNode(
                schema: NodeSchema(className: "TestFile", inputs: [.string("path")], outputs: [OutputSpec("STRING")]),
                body: { inputs, context in
                    log.record(context.nodeID)
                    return NodeOutput(.string("contents of \(try inputs.string("path"))"))
                },
                fingerprintBody: { _ in .value(.integer(Int128(fileVersion.current))) }
            ),
            ClosureNode(
                schema: NodeSchema(className: "TestClock", inputs: [], outputs: [OutputSpec("STRING")]),
                body: { _, context in
                    log.record(context.nodeID)
                    return NodeOutput(.string("tick"))
                },
                fingerprintBody: { _ in .alwaysChanged }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "TestSteps", inputs: [.int("steps", default: 5, min: 1)], outputs: [OutputSpec("INT")]
                ),
                body: { inputs, context in
                    log.record(context.nodeID)
                    let steps = try inputs.int("steps")
                    for step in 1...steps {
                        try await Task.sleep(for: .milliseconds(20))
                        try context.reportProgress(step, of: steps)
                    }
                    return NodeOutput(.int(Int128(steps)))
                }
            ),
        ]
    }
}

/// A version number standing in for a file's contents, shared between a test and its nodes.
final class FileVersion: Sendable {
    private let value = Mutex(1)
    var current: Int { value.withLock { $0 } }
    func bump() { value.withLock { $0 += 1 } }
}

/// The error TestFail throws.
struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Collects events across tasks.
final class EventRecorder: Sendable {
    private let events = Mutex<[ExecutionEvent]>([])

    var handler: @Sendable (ExecutionEvent) -> Void {
        { event in self.events.withLock { $0.append(event) } }
    }

    var all: [ExecutionEvent] { events.withLock { $0 } }
    var types: [String] { all.map(\.type) }
}

/// Parses and validates a workflow, failing the test when it does not produce a plan.
func makePlan(_ json: String, registry: NodeRegistry, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExecutionPlan {
    let request = try WorkflowParser().parseRequest(Array(json.utf8))
    let outcome = PromptValidator(registry: registry).validate(request)
    return try #require(
        outcome.plan, "validation failed: \(outcome.nodeErrorsJSON) \(String(describing: outcome.error))", sourceLocation: sourceLocation)
}

/// Runs a plan in a throwaway data directory.
func run(
    _ plan: ExecutionPlan,
    executor: PromptExecutor,
    interruption: InterruptionFlag = InterruptionFlag(),
    events: EventRecorder = EventRecorder()
) async -> ExecutionOutcome {
    let directories = DataDirectories(root: FileManager.default.temporaryDirectory.appending(path: "weft-tests-\(UUID().uuidString)"))
    return await executor.execute(
        plan, context: PromptRunContext(promptID: "p-\(UUID().uuidString.prefix(8))", directories: directories, interruption: interruption),
        events: events.handler
    )
}

extension ExecutionOutcome {
    /// The single item on a node's output slot 0.
    func value(of node: NodeID) -> Value? { results[node]?.slots.first?.first }
}
