public import WeftCore
import WeftDiffusion

/// `ConditioningSetArea` ("Conditioning (Set Area)"): restricts every entry to a pixel rectangle (stored in latent
/// cells, pixels / 8) with a strength, so a prompt can paint one region.
public struct ConditioningSetArea: Node {
    /// `conditioning`, `width`, `height` (64…16384), `x`, `y` (0…16384), all step 8, and `strength` (0…10).
    public let schema = NodeSchema(
        className: "ConditioningSetArea",
        displayName: "Conditioning (Set Area)",
        category: "conditioning",
        inputs: [
            .socket("conditioning", "CONDITIONING"),
            .int("width", default: 64, min: 64, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("height", default: 64, min: 64, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("x", default: 0, min: 0, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("y", default: 0, min: 0, max: Int128(LatentSizing.maxResolution), step: 8),
            .float("strength", default: 1, min: 0, max: 10, step: 0.01),
        ],
        outputs: [OutputSpec("CONDITIONING")]
    )

    /// The node.
    public init() {}

    /// Sets the area and strength of every entry.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let area = LatentArea(
            height: try inputs.int("height") / 8, width: try inputs.int("width") / 8, y: try inputs.int("y") / 8,
            x: try inputs.int("x") / 8)
        let strength = Float(try inputs.double("strength"))
        let entries = try inputs.conditioning("conditioning").map { entry in
            var placed = entry
            placed.area = area
            placed.strength = strength
            return placed
        }
        return NodeOutput(.conditioning(entries))
    }
}
