public import WeftCore
import WeftDiffusion
import WeftTensor

/// `CLIPTextEncode` ("CLIP Text Encode (Prompt)"): a prompt, with ComfyUI's `(word:1.2)` weighting and 77-token
/// windows, encoded by the CLIP text model into CONDITIONING (the hidden states and the pooled output).
public struct CLIPTextEncode: Node {
    /// `text` (multiline, dynamic prompts) and `clip`; outputs CONDITIONING.
    public let schema = NodeSchema(
        className: "CLIPTextEncode",
        displayName: "CLIP Text Encode (Prompt)",
        category: "conditioning",
        inputs: [.string("text", multiline: true, dynamicPrompts: true), .socket("clip", "CLIP")],
        outputs: [OutputSpec("CONDITIONING")]
    )

    /// The node.
    public init() {}

    /// Tokenizes and encodes the prompt on the tensor thread.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let text = try inputs.string("text")
        let clip = try inputs.custom("clip", as: CLIPValue.self)
        let (conditioning, pooled) = try await TensorCompute.run { () throws -> (Tensor, Tensor) in
            try clip.encoder.component.encode(prompt: text, clipSkip: clip.clipSkip)
        }
        return NodeOutput(.conditioning([ConditioningEntry(context: conditioning, pooled: pooled)]))
    }
}
