public import WeftCore

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

    /// A registry holding every built-in node. Throws only if two built-ins share a class name.
    public static func registry(imageSettings: ImageNodeSettings = ImageNodeSettings()) throws(NodeRegistryError) -> NodeRegistry {
        try NodeRegistry(utility() + image(settings: imageSettings))
    }
}
