import Foundation

/// The few architecture numbers a checkpoint's shapes cannot reveal (attention head counts), when a model departs
/// from its family's standard. They are read from an optional `<checkpoint name>.weft.json` beside the checkpoint,
/// e.g. `{"unet_heads": 2, "clip_heads": 2}` for the tiny test model; a standard SD1.5 file needs none.
public struct ArchitectureOverrides: Equatable, Sendable, Decodable {
    /// Attention heads in every UNet transformer (SD1.x: 8).
    public var unetHeads: Int?
    /// Attention heads in every CLIP text-encoder layer (SD1.x's CLIP ViT-L: 12, i.e. width / 64).
    public var clipHeads: Int?

    /// No overrides: the family's standard numbers.
    public init(unetHeads: Int? = nil, clipHeads: Int? = nil) {
        self.unetHeads = unetHeads
        self.clipHeads = clipHeads
    }

    private enum CodingKeys: String, CodingKey {
        case unetHeads = "unet_heads"
        case clipHeads = "clip_heads"
    }

    /// The path of the overrides file for the checkpoint at `checkpointPath`: its name with the extension replaced
    /// by `.weft.json`.
    public static func sidecarPath(for checkpointPath: String) -> String {
        URL(fileURLWithPath: checkpointPath).deletingPathExtension().path + ".weft.json"
    }

    /// The overrides beside `checkpointPath`, or none when there is no such file.
    /// - Throws: `ModelWeightsError` naming the file when it exists but is not valid, or a head count is below 1.
    public static func load(besideCheckpoint checkpointPath: String) throws(ModelWeightsError) -> ArchitectureOverrides {
        let path = sidecarPath(for: checkpointPath)
        guard let data = FileManager.default.contents(atPath: path) else { return ArchitectureOverrides() }
        let overrides: ArchitectureOverrides
        do {
            overrides = try JSONDecoder().decode(ArchitectureOverrides.self, from: data)
        } catch {
            throw ModelWeightsError(component: "checkpoint", key: "", message: "\(path) is not valid: \(error)")
        }
        for (name, value) in [("unet_heads", overrides.unetHeads), ("clip_heads", overrides.clipHeads)] {
            if let value, value < 1 {
                throw ModelWeightsError(component: "checkpoint", key: "", message: "\(path): \(name) must be at least 1")
            }
        }
        return overrides
    }
}
