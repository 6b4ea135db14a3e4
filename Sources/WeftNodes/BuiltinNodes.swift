public import WeftCore
public import WeftRemote

/// The catalogue of node types built into Weft, for the composition root to register.
public enum BuiltinNodes {
    /// The utility nodes: primitives, string, logic and math helpers, the text preview/save outputs, and Delay.
    public static func utility() -> [any Node] {
        PrimitiveNode.all + [
            StringConcatenate(),
            ComfySwitchNode(),
            IntMath(),
            FloatMath(),
            PreviewAny(),
            SaveText(),
            Delay(),
        ]
    }

    /// The image nodes: loading, saving and previewing images, and the image and mask transforms.
    public static func image(settings: ImageNodeSettings) -> [any Node] {
        [
            LoadImage(settings: settings),
            LoadImageMask(settings: settings),
            SaveImage(settings: settings),
            PreviewImageNode(settings: settings),
            ImageScale(),
            ImageScaleBy(),
            ImageScaleToTotalPixels(),
            ImageInvert(),
            ImageBatch(),
            ImageCrop(),
            ImagePadForOutpaint(),
            EmptyImage(),
            ImageCompositeMasked(),
            SolidMask(),
            InvertMask(),
            MaskToImage(),
            ImageToMask(),
        ]
    }

    /// The Stable Diffusion nodes: model loaders (listing the models under `directories`, sharing loaded models
    /// through `cache`), text encoding and conditioning, latents, sampling and the VAE.
    public static func diffusion(directories: DataDirectories?, cache: DiffusionModelCache) -> [any Node] {
        [
            ModelLoaderNode.checkpoint(directories: directories, cache: cache),
            ModelLoaderNode.vae(directories: directories, cache: cache),
            ModelLoaderNode.clip(directories: directories, cache: cache),
            ModelLoaderNode.unet(directories: directories, cache: cache),
            CLIPTextEncode(),
            CLIPSetLastLayer(),
            ConditioningCombine(),
            ConditioningZeroOut(),
            ConditioningSetArea(),
            EmptyLatentImage(),
            LatentUpscale(),
            LatentUpscaleBy(),
            SetLatentNoiseMask(),
            KSampler(),
            KSamplerAdvanced(),
            VAEDecode(),
            VAEEncode(),
            VAEDecodeTiled(),
            VAEEncodeTiled(),
            VAEEncodeForInpaint(),
        ]
    }

    /// The remote nodes: LLM chat and painting prompts, remote text-to-image and images from URLs, with their
    /// secrets and settings from `services`.
    public static func remote(services: RemoteNodeServices) -> [any Node] {
        [
            LLMChat(services: services),
            LLMPromptEnhancer(services: services),
            RemoteTextToImage(services: services),
            LoadImageFromURL(services: services),
        ]
    }

    /// A registry holding every built-in node; the image settings' directories also give the model folders the
    /// loaders list. Without `remoteServices`, API keys resolve from the process environment only. Throws only if
    /// two built-ins share a class name.
    public static func registry(
        imageSettings: ImageNodeSettings = ImageNodeSettings(), modelCache: DiffusionModelCache = DiffusionModelCache(),
        remoteServices: RemoteNodeServices = RemoteNodeServices(secrets: SecretStore())
    ) throws(NodeRegistryError) -> NodeRegistry {
        try NodeRegistry(
            utility() + image(settings: imageSettings) + diffusion(directories: imageSettings.directories, cache: modelCache)
                + remote(services: remoteServices))
    }
}
