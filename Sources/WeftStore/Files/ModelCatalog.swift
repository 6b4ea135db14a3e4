public import Foundation
import WeftCore

/// Lists the model files a server offers (`GET /models`, `GET /models/{folder}`, `GET /embeddings`).
///
/// Listings follow symbolic links, as ComfyUI does, so model folders may live on other disks; each real folder
/// is listed once, so a link loop cannot make a listing endless.
public struct ModelCatalog: Sendable {
    /// The `models` folder.
    private let modelsRoot: URL

    /// A catalog of the folders under `modelsRoot`.
    public init(modelsRoot: URL) {
        self.modelsRoot = modelsRoot
    }

    /// ComfyUI's folder kinds, whether they exist or not.
    static let knownFolders: Set<String> = [
        "checkpoints", "configs", "loras", "vae", "text_encoders", "diffusion_models", "clip_vision", "style_models",
        "embeddings", "diffusers", "vae_approx", "controlnet", "gligen", "upscale_models", "hypernetworks",
        "photomaker", "classifiers", "model_patches", "audio_encoders", "face",
    ]

    /// The extensions (lower case, without dot) of model files in most folders.
    static let modelExtensions: Set<String> = ["ckpt", "pt", "pt2", "bin", "pth", "safetensors", "pkl", "sft"]

    /// The folder names: ComfyUI's known kinds plus every other non-hidden subfolder of `models`, sorted.
    public func folderNames() -> [String] {
        let existing = ModelTreeWalk.entries(of: modelsRoot).filter(\.isDirectory).map(\.name)
        return Self.knownFolders.union(existing).sorted()
    }

    /// The model files in `models/<folder>` and its subfolders, as sorted `/`-separated relative paths, keeping
    /// only files with the folder's extensions (`configs`: `.yaml`; `face`: also `.onnx` and `.dat`; others:
    /// `.ckpt .pt .pt2 .bin .pth .safetensors .pkl .sft`) and skipping hidden files and folders such as `.git`.
    ///
    /// nil when `folder` is unsafe or is neither a known kind nor an existing subfolder; `[]` for a known kind
    /// that is missing or empty.
    public func files(in folder: String) -> [String]? {
        let resolver = SafePathResolver(root: modelsRoot)
        guard (try? resolver.components(of: folder, field: "folder", allowEmpty: false)) == [folder],
            folderNames().contains(folder)
        else {
            return nil
        }
        let extensions = Self.extensions(forFolder: folder)
        return ModelTreeWalk.files(under: modelsRoot.appending(path: folder, directoryHint: .isDirectory))
            .filter { extensions.contains(FileNameParts($0).lowercasedExtension) }
            .sorted()
    }

    /// The embedding names: ``files(in:)`` of `embeddings` with their extensions removed (`"sub/bad.pt"` →
    /// `"sub/bad"`).
    public func embeddings() -> [String] {
        (files(in: "embeddings") ?? []).map { path in
            String(path.dropLast(FileNameParts(path).fileExtension.count))
        }
    }

    /// The extensions listed for one folder.
    private static func extensions(forFolder folder: String) -> Set<String> {
        switch folder {
        case "configs": ["yaml"]
        case "face": modelExtensions.union(["onnx", "dat"])
        default: modelExtensions
        }
    }
}
