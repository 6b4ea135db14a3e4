public import WeftCore
import WeftDiffusion

extension ModelLoaderNode {
    /// `CheckpointLoaderSimple` ("Load Checkpoint"): a single-file SD1.x checkpoint from models/checkpoints as
    /// MODEL, CLIP and VAE. Parts still alive from an earlier load of the same unchanged file are reused.
    public static func checkpoint(directories: DataDirectories?, cache: DiffusionModelCache) -> ModelLoaderNode {
        ModelLoaderNode(
            Descriptor(
                className: "CheckpointLoaderSimple", displayName: "Load Checkpoint", category: "loaders", fileInput: "ckpt_name",
                kind: .checkpoints, outputs: ["MODEL", "CLIP", "VAE"]
            ) { name, cache, context in
                let (denoiser, textEncoder, vae) = try await ModelLoading.checkpoint(name, input: "ckpt_name", cache: cache, context: context)
                return [.custom(ModelValue(denoiser)), .custom(CLIPValue(encoder: textEncoder)), .custom(VAEValue(vae))]
            }, directories: directories, cache: cache)
    }

    /// `VAELoader` ("Load VAE"): a standalone VAE from models/vae (keys bare or under `first_stage_model.`).
    public static func vae(directories: DataDirectories?, cache: DiffusionModelCache) -> ModelLoaderNode {
        ModelLoaderNode(
            Descriptor(
                className: "VAELoader", displayName: "Load VAE", category: "loaders", fileInput: "vae_name", kind: .vae,
                outputs: ["VAE"]
            ) { name, cache, context in
                let vae = try await ModelLoading.component(
                    name, kind: .vae, input: "vae_name", cache: cache.vaes, context: context, loader: CheckpointLoader.loadVAE(path:))
                return [.custom(VAEValue(vae))]
            }, directories: directories, cache: cache)
    }

    /// `CLIPLoader` ("Load CLIP"): a standalone CLIP text encoder from models/text_encoders (or models/clip), for
    /// `stable_diffusion` (SD1.x), the only type Weft runs so far.
    public static func clip(directories: DataDirectories?, cache: DiffusionModelCache) -> ModelLoaderNode {
        ModelLoaderNode(
            Descriptor(
                className: "CLIPLoader", displayName: "Load CLIP", category: "advanced/loaders", fileInput: "clip_name",
                kind: .textEncoders, extraInputs: [.combo("type", ["stable_diffusion"])], outputs: ["CLIP"]
            ) { name, cache, context in
                let encoder = try await ModelLoading.component(
                    name, kind: .textEncoders, input: "clip_name", cache: cache.textEncoders, context: context,
                    loader: CheckpointLoader.loadCLIP(path:))
                return [.custom(CLIPValue(encoder: encoder))]
            }, directories: directories, cache: cache)
    }

    /// `UNETLoader` ("Load Diffusion Model"): a standalone SD1.x UNet from models/diffusion_models (or models/unet).
    /// Weights are always computed in Float32, so `weight_dtype` is accepted for compatibility and changes nothing.
    public static func unet(directories: DataDirectories?, cache: DiffusionModelCache) -> ModelLoaderNode {
        ModelLoaderNode(
            Descriptor(
                className: "UNETLoader", displayName: "Load Diffusion Model", category: "advanced/loaders", fileInput: "unet_name",
                kind: .diffusionModels, extraInputs: [.combo("weight_dtype", ["default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"])],
                outputs: ["MODEL"]
            ) { name, cache, context in
                let denoiser = try await ModelLoading.component(
                    name, kind: .diffusionModels, input: "unet_name", cache: cache.denoisers, context: context,
                    loader: CheckpointLoader.loadUNet(path:))
                return [.custom(ModelValue(denoiser))]
            }, directories: directories, cache: cache)
    }
}
