import Foundation
import WeftCore

/// The model files the loader nodes offer and read: every `.safetensors` (or `.sft`) file under a kind's models/
/// subfolders (`checkpoints`; `text_encoders` and the older `clip`; …), listed as ComfyUI lists them (relative paths
/// with `/`, sorted, without duplicates), and the safe resolution of the name a prompt gives.
enum ModelFiles {
    /// The folders of each kind of model, first the current name, then older ones ComfyUI still reads.
    enum Kind: Sendable {
        case checkpoints, vae, textEncoders, diffusionModels

        /// The subfolders of models/ searched, in order.
        var folders: [String] {
            switch self {
            case .checkpoints: ["checkpoints"]
            case .vae: ["vae"]
            case .textEncoders: ["text_encoders", "clip"]
            case .diffusionModels: ["diffusion_models", "unet"]
            }
        }
    }

    /// The extensions Weft can load.
    static let extensions: Set<String> = ["safetensors", "sft"]

    /// The sorted relative paths of loadable files under `models/<folder>` (subfolders included, hidden entries
    /// skipped); empty when the folder is unknown or missing.
    static func names(in folder: String, directories: DataDirectories?) -> [String] {
        guard let root = directories?.models.appending(path: folder, directoryHint: .isDirectory),
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let rootPath = root.standardizedFileURL.path(percentEncoded: false)
        var names: [String] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path(percentEncoded: false)
            guard path.hasPrefix(rootPath) else { continue }
            names.append(String(path.dropFirst(rootPath.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        }
        return names.sorted()
    }

    /// A combo input listing the models of `kind`.
    static func comboInput(named name: String, kind: Kind, directories: DataDirectories?) -> InputSpec {
        .combo(name, Array(Set(kind.folders.flatMap { names(in: $0, directories: directories) })).sorted())
    }

    /// The path of the model `name` in the first of `kind`'s folders that has it, never outside that folder.
    /// - Throws: ``PathSafetyError`` for a name that would leave the folder, ``DiffusionNodeError/modelNotFound`` when
    ///   no folder has such a file.
    static func locate(_ name: String, kind: Kind, input: String, directories: DataDirectories) throws -> String {
        for folder in kind.folders {
            let root = directories.models.appending(path: folder, directoryHint: .isDirectory)
            let path = try SafePathResolver(root: root).resolve(subfolder: "", filename: name).path(percentEncoded: false)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return path
            }
        }
        throw DiffusionNodeError.modelNotFound(
            input: input, name: name, folder: kind.folders.map { "models/\($0)" }.joined(separator: " or "))
    }
}
