// Executor overhead per node, validation included (issue: ≤ 20 µs per node on a 2-core machine).
// Run: swift run -c release weft-bench-executor
import Foundation
import WeftCore
import WeftNodes

/// One measured phase of handling a prompt.
struct PhaseTimes {
    var parse: Duration = .zero
    var validate: Duration = .zero
    var execute: Duration = .zero
    var total: Duration { parse + validate + execute }
}

/// Builds API-format JSON for a chain of StringConcatenate nodes, each appending `suffix` to the previous result.
/// With an empty suffix every string stays one character long, so only the executor's own work is measured; with
/// "x", node i also copies an i-character string, as a real growing-text chain would.
func chainWorkflow(length: Int, suffix: String) -> String {
    var nodes = [#""0": {"class_type": "StringConcatenate", "inputs": {"string_a": "x", "string_b": "", "delimiter": ""}}"#]
    for index in 1..<length {
        nodes.append(
            #""\#(index)": {"class_type": "StringConcatenate", "inputs": {"string_a": ["\#(index - 1)", 0], "string_b": "\#(suffix)", "delimiter": ""}}"#
        )
    }
    nodes.append(#""out": {"class_type": "PreviewAny", "inputs": {"source": ["\#(length - 1)", 0]}}"#)
    return "{" + nodes.joined(separator: ",") + "}"
}

/// Builds a complete binary tree of StringConcatenate nodes over `leaves` leaf nodes (leaves - 1 inner nodes).
func treeWorkflow(leaves: Int) -> String {
    var nodes: [String] = []
    var level: [String] = []
    for leaf in 0..<leaves {
        nodes.append(#""l\#(leaf)": {"class_type": "StringConcatenate", "inputs": {"string_a": "\#(leaf)", "string_b": ";", "delimiter": ""}}"#)
        level.append("l\(leaf)")
    }
    var inner = 0
    while level.count > 1 {
        var next: [String] = []
        for pair in stride(from: 0, to: level.count, by: 2) {
            guard pair + 1 < level.count else {
                next.append(level[pair])
                continue
            }
            let id = "n\(inner)"
            inner += 1
            nodes.append(
                #""\#(id)": {"class_type": "StringConcatenate", "inputs": {"string_a": ["\#(level[pair])", 0], "string_b": ["\#(level[pair + 1])", 0], "delimiter": ""}}"#
            )
            next.append(id)
        }
        level = next
    }
    nodes.append(#""out": {"class_type": "PreviewAny", "inputs": {"source": ["\#(level[0])", 0]}}"#)
    return "{" + nodes.joined(separator: ",") + "}"
}

/// Parses, validates and executes a workflow once with a fresh cache, timing each phase.
func measure(_ json: String, registry: NodeRegistry, directories: DataDirectories, executor: PromptExecutor) async throws -> PhaseTimes {
    let clock = ContinuousClock()
    var times = PhaseTimes()
    let bytes = Array(json.utf8)
    var start = clock.now
    let request = try WorkflowParser().parseRequest(bytes)
    times.parse = clock.now - start
    start = clock.now
    let validation = PromptValidator(registry: registry).validate(request)
    times.validate = clock.now - start
    guard let plan = validation.plan else { fatalError("benchmark workflow is invalid: \(validation.nodeErrorsJSON)") }
    start = clock.now
    let outcome = await executor.execute(plan, context: PromptRunContext(promptID: UUID().uuidString, directories: directories))
    times.execute = clock.now - start
    guard outcome.status == .success else { fatalError("benchmark workflow failed: \(outcome.status)") }
    return times
}

func microseconds(_ duration: Duration, per count: Int) -> Double {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return seconds * 1e6 / Double(count)
}

func median(_ values: [PhaseTimes], _ phase: (PhaseTimes) -> Duration) -> Duration {
    values.map(phase).sorted()[values.count / 2]
}

let registry = try BuiltinNodes.registry()
let directories = DataDirectories(root: FileManager.default.temporaryDirectory.appending(path: "weft-bench"))
/// Measured runs per case, after one unmeasured warm-up run (`--once`: one run, for profiling).
let repetitions = CommandLine.arguments.contains("--once") ? 1 : 15
let target = 20.0
let cases: [(name: String, json: String, nodes: Int)] = [
    ("chain of 10,000 StringConcatenate, constant-size strings", chainWorkflow(length: 10_000, suffix: ""), 10_001),
    ("chain of 10,000 StringConcatenate, growing strings (50 MB copied)", chainWorkflow(length: 10_000, suffix: "x"), 10_001),
    ("binary tree, 1,000 leaves (1,999 StringConcatenate)", treeWorkflow(leaves: 1_000), 2_000),
]

print(
    "Executor overhead per node (median of \(repetitions) runs after a warm-up, fresh cache each run, \(ProcessInfo.processInfo.activeProcessorCount) cores)"
)
print("case | parse µs/node | validate µs/node | execute µs/node | total µs/node | best total µs/node | total / 20 µs target | cached re-run µs/node")
for benchmark in cases {
    _ = try await measure(benchmark.json, registry: registry, directories: directories, executor: PromptExecutor())
    var runs: [PhaseTimes] = []
    for _ in 0..<repetitions {
        runs.append(try await measure(benchmark.json, registry: registry, directories: directories, executor: PromptExecutor()))
    }
    let warmExecutor = PromptExecutor()
    _ = try await measure(benchmark.json, registry: registry, directories: directories, executor: warmExecutor)
    var cachedRuns: [PhaseTimes] = []
    for _ in 0..<repetitions {
        cachedRuns.append(try await measure(benchmark.json, registry: registry, directories: directories, executor: warmExecutor))
    }
    let total = microseconds(median(runs, \.total), per: benchmark.nodes)
    let best = microseconds(runs.map(\.total).min()!, per: benchmark.nodes)
    print(
        String(
            format: "%@ | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f",
            benchmark.name,
            microseconds(median(runs, \.parse), per: benchmark.nodes),
            microseconds(median(runs, \.validate), per: benchmark.nodes),
            microseconds(median(runs, \.execute), per: benchmark.nodes),
            total, best, total / target,
            microseconds(median(cachedRuns, \.total), per: benchmark.nodes)
        ))
}
