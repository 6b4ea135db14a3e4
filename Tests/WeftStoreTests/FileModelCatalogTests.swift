import Foundation
import Testing
import WeftStore

@Suite struct FileModelCatalogTests {
    let scratch = FileScratch()
    let outside = FileScratch()
    var catalog: ModelCatalog { ModelCatalog(modelsRoot: URL(filePath: scratch.path("models"), directoryHint: .isDirectory)) }

    static let known = [
        "audio_encoders", "checkpoints", "classifiers", "clip_vision", "configs", "controlnet", "diffusers",
        "diffusion_models", "embeddings", "face", "gligen", "hypernetworks", "loras", "model_patches", "photomaker",
        "style_models", "text_encoders", "upscale_models", "vae", "vae_approx",
    ]

    init() throws {
        for file in [
            "checkpoints/sdxl.safetensors", "checkpoints/sd15/v1-5.safetensors", "checkpoints/notes.txt",
            "checkpoints/.hidden.safetensors", "checkpoints/.git/objects/x.safetensors", "checkpoints/UPPER.CKPT",
            "checkpoints/deep/er/old.pt2", "configs/a.yaml", "configs/b.yml", "configs/c.safetensors",
            "face/det.onnx", "face/shape.dat", "face/m.pth", "face/x.txt", "custom_kind/x.bin", ".cache/y.bin",
            "loras/a.safetensors", "loras/sub/b.pt", "embeddings/EasyNegative.safetensors",
            "embeddings/sub/bad_prompt.pt", "embeddings/readme.md", "readme.txt",
        ] {
            try scratch.write("models/" + file, [0])
        }
        try scratch.makeFolder("models/diffusers")
        try outside.write("z.safetensors", [0])
        try scratch.link("models/loras/ext", to: outside.path())
        try scratch.link("models/loras/loop", to: ".")
        try scratch.link("models/loras/sub/back", to: "..")
        try scratch.link("models/loras/ping", to: "pong")
        try scratch.link("models/loras/pong", to: "ping")
        try scratch.link("models/loras/gone.safetensors", to: "missing.safetensors")
    }

    @Test func folderNamesAreKnownKindsPlusExistingFolders() {
        #expect(catalog.folderNames() == (Self.known + ["custom_kind"]).sorted())
    }

    @Test func folderNamesWithoutAModelsFolder() {
        let empty = ModelCatalog(modelsRoot: URL(filePath: outside.path("nothing"), directoryHint: .isDirectory))
        #expect(empty.folderNames() == Self.known)
        #expect(empty.files(in: "loras") == [])
        #expect(empty.embeddings() == [])
    }

    @Test func listsModelFilesRecursivelySkippingHiddenOnes() {
        #expect(
            catalog.files(in: "checkpoints") == [
                "UPPER.CKPT", "deep/er/old.pt2", "sd15/v1-5.safetensors", "sdxl.safetensors",
            ])
    }

    @Test(arguments: [
        ("configs", ["a.yaml"]), ("face", ["det.onnx", "m.pth", "shape.dat"]), ("custom_kind", ["x.bin"]),
        ("vae", []), ("diffusers", []),
    ])
    func extensionsDependOnTheFolder(folder: String, expected: [String]) {
        #expect(catalog.files(in: folder) == expected)
    }

    @Test func followsLinksButNotLoops() {
        #expect(catalog.files(in: "loras") == ["a.safetensors", "ext/z.safetensors", "sub/b.pt"])
    }

    @Test(arguments: ["unknown", "../models", "..", "", ".cache", "checkpoints/sd15", "/etc", "%2e%2e", "readme.txt"])
    func unknownOrUnsafeFoldersHaveNoListing(folder: String) {
        #expect(catalog.files(in: folder) == nil)
    }

    @Test func embeddingsLoseTheirExtension() {
        #expect(catalog.embeddings() == ["EasyNegative", "sub/bad_prompt"])
    }
}
