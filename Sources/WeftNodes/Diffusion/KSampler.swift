public import WeftCore
import WeftDiffusion

/// `KSampler`: denoises a latent with a model, guided towards the positive and away from the negative
/// conditioning; `denoise` below 1 keeps part of the input latent (img2img), a noise mask limits the change
/// (inpainting). The same seed gives ComfyUI's result.
public struct KSampler: Node {
    /// ComfyUI's inputs, defaults and ranges; outputs LATENT.
    public let schema = NodeSchema(
        className: "KSampler",
        displayName: "KSampler",
        category: "sampling",
        inputs: [
            .socket("model", "MODEL")
        ] + SamplingRunner.sharedInputs(seed: "seed") + [
            .float("denoise", default: 1, min: 0, max: 1, step: 0.01)
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Samples.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        var runner = try SamplingRunner(inputs, seedInput: "seed")
        runner.denoise = try inputs.double("denoise")
        return NodeOutput(.latent(try await runner.run(context: context)))
    }
}
