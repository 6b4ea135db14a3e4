public import WeftCore
import WeftTensor

/// `LatentUpscale` ("Upscale Latent"): resizes latents to a pixel width and height (each at least 64, divided by 8
/// for the latent); a 0 side keeps the aspect ratio, both 0 leave the latent as it is.
public struct LatentUpscale: Node {
    /// `samples`, `upscale_method`, `width`, `height`, `crop`; outputs LATENT.
    public let schema = NodeSchema(
        className: "LatentUpscale",
        displayName: "Upscale Latent",
        category: "latent",
        inputs: [
            .socket("samples", "LATENT"),
            LatentSizing.methodInput,
            .int("width", default: 512, min: 0, max: Int128(LatentSizing.maxResolution), step: 8),
            .int("height", default: 512, min: 0, max: Int128(LatentSizing.maxResolution), step: 8),
            .combo("crop", ["disabled", "center"]),
        ],
        outputs: [OutputSpec("LATENT")]
    )

    /// The node.
    public init() {}

    /// Scales the latent as ComfyUI does, sizes rounded as Python rounds.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let latent = try inputs.latent("samples")
        var (width, height) = (try inputs.int("width"), try inputs.int("height"))
        guard width != 0 || height != 0 else { return NodeOutput(.latent(latent)) }
        let (cellsHigh, cellsWide) = (Double(latent.samples.shape[2]), Double(latent.samples.shape[3]))
        if width == 0 {
            height = max(64, height)
            width = max(64, Int((cellsWide * Double(height) / cellsHigh).rounded(.toNearestOrEven)))
        } else if height == 0 {
            width = max(64, width)
            height = max(64, Int((cellsHigh * Double(width) / cellsWide).rounded(.toNearestOrEven)))
        } else {
            (width, height) = (max(64, width), max(64, height))
        }
        let crop = CropMode(rawValue: try inputs.string("crop")) ?? .disabled
        let method = try LatentSizing.method(inputs)
        return NodeOutput(.latent(try await LatentSizing.resized(latent, width: width / 8, height: height / 8, method: method, crop: crop)))
    }
}
