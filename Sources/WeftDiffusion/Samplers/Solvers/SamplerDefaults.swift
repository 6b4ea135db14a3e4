/// The option values ComfyUI's KSampler runs its samplers with (the functions' defaults in ComfyUI 0.3.64).
enum SamplerDefaults {
    /// η: how much of each step's noise is replaced by fresh noise (1 = ancestral / full SDE).
    static let eta: Float = 1
    /// s_noise: the scale of the fresh noise.
    static let noiseScale: Float = 1
    /// r of `dpmpp_sde`: where between the step's ends (in log sigma) its intermediate evaluation sits.
    static let intermediateRatio: Float = 0.5
    /// How many past derivatives `lms` combines.
    static let linearMultistepOrder = 4
    /// The highest order UniPC runs at.
    static let uniPCOrder = 3
}
