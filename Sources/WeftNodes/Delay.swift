public import WeftCore

/// Weft's `Delay`: passes its input through after waiting, reporting progress and stopping at once when
/// interrupted. Useful for pacing a pipeline (waiting out a remote service's rate limit) and for trying queue,
/// progress and interruption handling with a client.
public struct Delay: Node {
    /// `value` (any type) and `seconds`; the output is `value` unchanged.
    public let schema = NodeSchema(
        className: "Delay",
        displayName: "Delay",
        category: "utils",
        description: "Passes the value through after waiting the given number of seconds.",
        module: "weft.nodes",
        inputs: [
            .socket("value", "*"),
            .float("seconds", default: 1, min: 0, max: 3600, step: 0.1),
        ],
        outputs: [OutputSpec("*", name: "value")]
    )

    /// How often progress is reported while waiting.
    static let tick: Duration = .milliseconds(100)

    /// The node.
    public init() {}

    /// Waits in ticks, reporting `elapsed/total` ticks; an interrupt ends the wait within a tick (the executor
    /// also cancels the task, which ends the sleep at once).
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let value = try inputs.value("value")
        let seconds = try inputs.double("seconds")
        let ticks = Int((seconds * 10).rounded(.up))
        for tick in 0..<ticks {
            try context.reportProgress(tick, of: ticks)
            try await Task.sleep(for: Self.tick)
        }
        if ticks > 0 { try context.reportProgress(ticks, of: ticks) }
        return NodeOutput(value)
    }
}
