/// One text-to-image generation to ask a remote provider for, in the terms every provider shares.
public struct TextToImageRequest: Sendable, Equatable {
    /// What the image should show.
    public var prompt: String
    /// What the image should avoid; providers without negative prompts ignore it, and an empty one is not sent.
    public var negativePrompt: String
    /// The image width in pixels.
    public var width: Int
    /// The image height in pixels.
    public var height: Int
    /// The sampling seed, for providers that take one.
    public var seed: UInt64
    /// How many images to make.
    public var count: Int
    /// The model the provider should use: a model name such as `wan2.2-t2i-flash` or `gpt-image-1`, or for a
    /// remote ComfyUI server the checkpoint file name.
    public var model: String

    /// Creates a request.
    public init(
        prompt: String, negativePrompt: String = "", width: Int = 1024, height: Int = 1024, seed: UInt64 = 0, count: Int = 1,
        model: String
    ) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.width = width
        self.height = height
        self.seed = seed
        self.count = count
        self.model = model
    }
}
