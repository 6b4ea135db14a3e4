import WeftCore
import WeftDiffusion
import WeftTensor

/// How the loader nodes load: find the file, reuse whatever parts of it are still alive in the shared cache, read
/// the rest on the tensor thread, and turn load failures into node errors naming the file.
enum ModelLoading {
    /// The file identity of the model `name` of `kind`, the loaders' cache fingerprint: a replaced or rewritten file
    /// loads again.
    static func fingerprint(_ name: String, kind: ModelFiles.Kind, input: String, context: NodeContext) throws -> Fingerprint {
        let path = try ModelFiles.locate(name, kind: kind, input: input, directories: context.directories)
        return .value(.string(try identity(of: path, name: name).description))
    }

    /// The UNet, CLIP and VAE of the checkpoint `name`.
    static func checkpoint(_ name: String, input: String, cache: DiffusionModelCache, context: NodeContext) async throws -> (
        SharedModel<EpsilonDenoiser>, SharedModel<CLIPTextEncoder>, SharedModel<AutoencoderKL>
    ) {
        let path = try ModelFiles.locate(name, kind: .checkpoints, input: input, directories: context.directories)
        let key = try identity(of: path, name: name).description
        let alive = (cache.denoisers.alive(key + "#unet"), cache.textEncoders.alive(key + "#clip"), cache.vaes.alive(key + "#vae"))
        if let denoiser = alive.0, let textEncoder = alive.1, let vae = alive.2 { return (denoiser, textEncoder, vae) }
        var missing: CheckpointLoader.Parts = []
        if alive.0 == nil { missing.insert(.unet) }
        if alive.1 == nil { missing.insert(.clip) }
        if alive.2 == nil { missing.insert(.vae) }
        let parts = missing
        let loaded = try await load(name) { try CheckpointLoader.load(path: path, parts: parts) }
        guard let denoiser = alive.0 ?? loaded.denoiser, let textEncoder = alive.1 ?? loaded.textEncoder, let vae = alive.2 ?? loaded.vae else {
            throw DiffusionNodeError.unusableModel(name: name, reason: "the checkpoint did not give a UNet, a CLIP and a VAE")
        }
        if let loadedDenoiser = loaded.denoiser { cache.denoisers.remember(loadedDenoiser, for: key + "#unet") }
        if let loadedEncoder = loaded.textEncoder { cache.textEncoders.remember(loadedEncoder, for: key + "#clip") }
        if let loadedVAE = loaded.vae { cache.vaes.remember(loadedVAE, for: key + "#vae") }
        return (denoiser, textEncoder, vae)
    }

    /// One component from its own file: the live copy in `cache` or a fresh load with `loader`.
    static func component<Component>(
        _ name: String, kind: ModelFiles.Kind, input: String, cache: SharedModelCache<SharedModel<Component>>, context: NodeContext,
        loader: @escaping @Sendable (String) throws -> SharedModel<Component>
    ) async throws -> SharedModel<Component> {
        let path = try ModelFiles.locate(name, kind: kind, input: input, directories: context.directories)
        let key = try identity(of: path, name: name).description + "#file"
        if let alive = cache.alive(key) { return alive }
        let loaded = try await load(name) { try loader(path) }
        cache.remember(loaded, for: key)
        return loaded
    }

    /// Runs `body` on the tensor thread, turning its failures into `DiffusionNodeError.unusableModel` for `name`.
    private static func load<Result: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        do {
            return try await TensorCompute.run { () throws -> Result in try body() }
        } catch {
            throw DiffusionNodeError.unusableModel(name: name, reason: String(describing: error))
        }
    }

    /// The identity of the file at `path`, as a node error for `name` when it cannot be read.
    private static func identity(of path: String, name: String) throws -> ModelFileIdentity {
        do {
            return try ModelFileIdentity(path: path)
        } catch {
            throw DiffusionNodeError.unusableModel(name: name, reason: error.message)
        }
    }
}
