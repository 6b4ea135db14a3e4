public import WeftCore

/// `CLIPSetLastLayer` ("CLIP Set Last Layer"): which CLIP layer conditions the model ("clip skip"): -1 the last,
/// -2 the penultimate, down to -24.
public struct CLIPSetLastLayer: Node {
    /// `clip`, `stop_at_clip_layer` (-24…-1); outputs CLIP.
    public let schema = NodeSchema(
        className: "CLIPSetLastLayer",
        displayName: "CLIP Set Last Layer",
        category: "conditioning",
        inputs: [.socket("clip", "CLIP"), .int("stop_at_clip_layer", default: -1, min: -24, max: -1, step: 1)],
        outputs: [OutputSpec("CLIP")]
    )

    /// The node.
    public init() {}

    /// The same encoder with the new layer.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        var clip = try inputs.custom("clip", as: CLIPValue.self)
        clip.clipSkip = try inputs.int("stop_at_clip_layer")
        return NodeOutput(.custom(clip))
    }
}
