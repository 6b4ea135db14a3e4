/// What a checkpoint is, read from its tensor names and shapes alone (no tensor data), and whether Weft can run it.
public struct CheckpointDetection: Equatable, Sendable {
    /// The family the keys point to.
    public var family: ModelFamily
    /// The facts the decision rests on, for messages, e.g. `UNet in 4 ch, context 768; CLIP text encoder width 768,
    /// 12 layers`.
    public var findings: [String]

    /// The key prefixes of the three parts of an LDM-layout SD1 checkpoint.
    public enum Prefix {
        /// The UNet's tensors.
        public static let unet = "model.diffusion_model."
        /// The CLIP text model's tensors.
        public static let clip = "cond_stage_model.transformer.text_model."
        /// The VAE's tensors.
        public static let vae = "first_stage_model."
    }

    /// Inspects `names` (every tensor name) using `shape` to read a tensor's shape.
    public init(names: [String], shape: (String) -> [Int]?) {
        let keys = Set(names)
        func has(_ prefix: String) -> Bool { names.contains { $0.hasPrefix(prefix) } }
        var findings: [String] = []
        let unetIn = shape(Prefix.unet + "input_blocks.0.0.weight")
        let context = shape(Prefix.unet + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight")?.last
        let clipWidth = shape(Prefix.clip + "embeddings.token_embedding.weight")?.last
        if let unetIn { findings.append("UNet with \(unetIn.count > 1 ? unetIn[1] : 0) input channels") }
        if let context { findings.append("cross-attention context width \(context)") }
        if let clipWidth { findings.append("CLIP text encoder width \(clipWidth)") }
        if !has(Prefix.vae) { findings.append("no VAE (\(Prefix.vae)*)") }

        let family: ModelFamily
        if has(Prefix.unet + "double_blocks.") {
            family = .flux
        } else if has(Prefix.unet + "joint_blocks.") {
            family = .sd3
        } else if has("conditioner.embedders.") || keys.contains(Prefix.unet + "label_emb.0.0.weight") {
            family = .sdxl
        } else if has("cond_stage_model.model.") {
            findings.append("OpenCLIP text encoder (cond_stage_model.model.*)")
            family = .sd2
        } else if unetIn != nil, let context, let clipWidth, context == clipWidth {
            family = .sd1
        } else {
            if unetIn == nil { findings.append("no LDM UNet (\(Prefix.unet)input_blocks.*)") }
            if clipWidth == nil { findings.append("no CLIP text encoder (\(Prefix.clip)*)") }
            family = .unknown
        }
        self.family = family
        self.findings = findings
    }

    /// Why Weft cannot run this checkpoint, or nil when it can (an SD1.x model with 4 latent channels and a VAE).
    public var unsupportedReason: String? {
        let facts = findings.joined(separator: "; ")
        switch family {
        case .sd1:
            if let inpaint = findings.first(where: { $0.hasPrefix("UNet with") && !$0.hasPrefix("UNet with 4 ") }) {
                return "an SD1.x variant Weft does not run yet (\(inpaint); only 4-channel text-to-image UNets)"
            }
            if findings.contains(where: { $0.hasPrefix("no VAE") }) {
                return "an SD1.x checkpoint without a VAE (\(facts))"
            }
            return nil
        case .unknown:
            return "not a Stable Diffusion checkpoint Weft recognises (\(facts))"
        default:
            return "a \(family.rawValue) checkpoint; Weft runs SD1.x models only so far (\(facts))"
        }
    }
}
