import WeftDiffusion

/// The loaded models shared between prompts, one weak cache per kind of component, keyed by file identity and part.
/// A loader node finds a model here while any prompt or cached node output still holds it; once none does, its
/// memory is gone and the next load reads the file again.
public final class DiffusionModelCache: Sendable {
    /// UNets, as denoisers.
    let denoisers = SharedModelCache<SharedModel<EpsilonDenoiser>>()
    /// CLIP text encoders.
    let textEncoders = SharedModelCache<SharedModel<CLIPTextEncoder>>()
    /// VAEs.
    let vaes = SharedModelCache<SharedModel<AutoencoderKL>>()

    /// An empty cache.
    public init() {}

    /// How many loaded components (UNets, text encoders, VAEs) are alive and shareable now.
    public var liveModelCount: Int {
        denoisers.aliveCount + textEncoders.aliveCount + vaes.aliveCount
    }
}
