public import WeftCore
import WeftDiffusion

/// `KSamplerAdvanced` ("KSampler (Advanced)"): KSampler over a range of steps of the schedule, with or without
/// fresh noise and with or without leftover noise at the end, so several samplers can share one schedule.
public struct KSamplerAdvanced: Node {
    /// ComfyUI's inputs, defaults and ranges; outputs LATENT.
    public let schema = NodeSchema(
        className: "KSamplerAdvanced",
        displayName: "KSampler (Advanced)",
        category: "sampling",
        inputs: [
            .socket("model", "MODEL"),
            .combo("add_noise", ["enable", "disable"]),
        ] + SamplingRunner.sharedInputs(seed: "noise_seed") + [
            .int("start_at_step", default: 0, min: 0, max: 10000),
            .int("end_at_step", default: 10000, min: 0, max: 10000),
            .combo("return_with_leftover_noise", ["disable", "enable"]),
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Samples the chosen steps.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        var runner = try SamplingRunner(inputs, seedInput: "noise_seed")
        runner.disableNoise = try inputs.string("add_noise") == "disable"
        runner.range = StepRange(
            startStep: try inputs.int("start_at_step"), lastStep: try inputs.int("end_at_step"),
            forceFullDenoise: try inputs.string("return_with_leftover_noise") != "enable")
        return NodeOutput(.latent(try await runner.run(context: context)))
    }
}
