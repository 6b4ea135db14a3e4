import Testing
import WeftDiffusion
import WeftTensor

/// The tiny SD1-layout UNet of `Fixtures/tiny-sd1.safetensors` against ComfyUI 0.3.64's own outputs
/// (`Fixtures/unet.safetensors`). Every comparison allows a relative error (max |actual − expected| / max |expected|)
/// of at most 1e-4: Float32 with a different summation order, nothing more.
@Suite("UNet")
struct UNetTests {
    /// The bound on `relativeError` for every comparison with ComfyUI's numbers.
    static let tolerance: Float = 1e-4

    /// The tiny model's UNet weights (keys without `model.diffusion_model.`).
    static func tinyWeights() throws -> ModelWeights {
        try ModelWeights.load(from: fixtureFile("tiny-sd1"), keyPrefix: "model.diffusion_model.", component: "unet")
    }

    /// The tiny model's UNet, whose configuration (see the manifest's `unet_config`) has 2 heads.
    static func tinyModel() throws -> UNetModel {
        try UNetModel(weights: tinyWeights(), attentionHeads: .count(2))
    }

    /// The tiny model's UNet tensors by key (without `model.diffusion_model.`), to be altered.
    static func tinyTensors() throws -> [String: Tensor] {
        let file = try fixtureFile("tiny-sd1")
        let prefix = "model.diffusion_model."
        var tensors: [String: Tensor] = [:]
        for name in file.names where name.hasPrefix(prefix) {
            tensors[String(name.dropFirst(prefix.count))] = try Tensor(shape: file.info(name).shape, values: file.floats(name))
        }
        return tensors
    }

    @Test("the structure detected from the weights is the manifest's unet_config")
    func detectsTinyConfig() throws {
        let config = try UNetConfig(detectingFrom: Self.tinyWeights(), attentionHeads: .count(2))
        #expect(config.inChannels == 4)
        #expect(config.outChannels == 4)
        #expect(config.modelChannels == 32)
        #expect(config.channelMultipliers == [1, 2, 2])
        #expect(config.resBlocksPerLevel == [1, 1, 1])
        #expect(config.inputTransformerDepths == [1, 1, 0])
        #expect(config.middleTransformerDepth == 1)
        // ComfyUI's transformer_depth_output [1, 1, 1, 1, 0, 0] is listed finest first; blocks run coarsest first.
        #expect(config.outputTransformerDepths == [0, 0, 1, 1, 1, 1])
        #expect(config.contextWidth == 64)
        #expect(config.linearProjection == false)
        #expect(config.timeEmbeddingWidth == 128)
        #expect(config.description.contains("model channels 32 × [1, 2, 2]"))
    }

    @Test("noise prediction matches ComfyUI's at timesteps 999, 500 and 1", arguments: [999, 500, 1])
    func predictsNoise(timestep: Int) throws {
        let model = try Self.tinyModel()
        let x = try fixtureTensor("unet", "x")
        let context = try fixtureTensor("unet", "context")
        let eps = try model.forward(x, timesteps: [Float(timestep)], context: context)
        let error = relativeError(eps, try fixtureTensor("unet", "eps.t\(timestep)"))
        #expect(error <= Self.tolerance, "relative error \(error) at t=\(timestep) exceeds \(Self.tolerance)")
    }

    @Test("apply_model: denoised latent and timestep match ComfyUI's")
    func denoisesLikeApplyModel() throws {
        let denoiser = EpsilonDenoiser(model: try Self.tinyModel())
        let sigma = try fixtureTensor("unet", "apply_model.sigma").scalars
        let expectedTimestep = try fixtureTensor("unet", "apply_model.timestep").scalars
        #expect(denoiser.timesteps(for: sigma) == expectedTimestep)
        let denoised = try denoiser.denoise(
            fixtureTensor("unet", "apply_model.x"), sigma: sigma, context: fixtureTensor("unet", "context"))
        let error = relativeError(denoised, try fixtureTensor("unet", "apply_model.denoised"))
        #expect(error <= Self.tolerance, "relative error \(error) exceeds \(Self.tolerance)")
    }

    @Test("a batch of two gives each entry the result it gets alone")
    func batchesIndependently() throws {
        let model = try Self.tinyModel()
        let x = try fixtureTensor("unet", "x")
        let context = try fixtureTensor("unet", "context")
        let pair = try model.forward(concat([x, x], dimension: 0), timesteps: [999, 1], context: concat([context, context], dimension: 0))
        let halves = try pair.split(chunks: 2, dimension: 0)
        #expect(relativeError(halves[0], try fixtureTensor("unet", "eps.t999")) <= Self.tolerance)
        #expect(relativeError(halves[1], try fixtureTensor("unet", "eps.t1")) <= Self.tolerance)
    }

    @Test(
        "latents whose sizes are not multiples of 4 match diffusers: each upsampling takes the skip connection's size",
        arguments: ["odd.9x13", "odd.7x6"])
    func oddSizes(name: String) throws {
        let model = try Self.tinyModel()
        let timestep = try fixtureTensor("unet_odd_sizes", "\(name).timestep").scalars
        let eps = try model.forward(
            fixtureTensor("unet_odd_sizes", "\(name).x"), timesteps: timestep, context: fixtureTensor("unet", "context"))
        let error = relativeError(eps, try fixtureTensor("unet_odd_sizes", "\(name).eps"))
        #expect(error <= Self.tolerance, "relative error \(error) on \(name) exceeds \(Self.tolerance)")
    }

    @Test("long inputs run the feed-forward networks in slices of rows, with the same result per batch entry")
    func slicedFeedForward() throws {
        // 92×92 = 8,464 tokens at the finest level: more rows than one 8 MB slice of the 256-wide GEGLU input holds.
        // Batches of 1 and 2 slice differently; a misplaced slice would differ by far more than float rounding.
        let model = try Self.tinyModel()
        let x = try UNetBlueprint.randomTensor([1, 4, 92, 92], seed: 31)
        let context = try fixtureTensor("unet", "context")
        let single = try model.forward(x, timesteps: [500], context: context)
        let pair = try model.forward(concat([x, x], dimension: 0), timesteps: [500, 500], context: concat([context, context], dimension: 0))
        for half in try pair.split(chunks: 2, dimension: 0) {
            #expect(relativeError(half, single) <= 1e-5)
        }
    }

    @Test("inputs that do not fit are refused with their shapes named")
    func refusesBadInputs() throws {
        let model = try Self.tinyModel()
        let x = try fixtureTensor("unet", "x")
        let context = try fixtureTensor("unet", "context")
        let cases: [(Tensor, [Float], Tensor, String)] = [
            (Tensor.zeros([1, 3, 8, 8]), [1], context, "[B, 4, H, W]"),
            (Tensor.zeros([1, 4, 0, 8]), [1], context, "H and W at least 1"),
            (x, [1, 2], context, "2 timesteps were given for a batch of 1"),
            (x, [1], Tensor.zeros([1, 77, 32]), "32 wide but the model attends to 64-wide context"),
            (x, [1], Tensor.zeros([2, 77, 64]), "one per latent in the batch"),
        ]
        for (latent, timesteps, context, reason) in cases {
            let error = #expect(throws: TensorError.self) {
                try model.forward(latent, timesteps: timesteps, context: context)
            }
            #expect(error?.description.contains("UNetModel.forward") == true)
            #expect(error?.description.contains(reason) == true, "\(String(describing: error)) should say \(reason)")
        }
        let denoiser = EpsilonDenoiser(model: model)
        #expect(throws: TensorError.self) { try denoiser.denoise(x, sigma: [1, 2], context: context) }
    }

    @Test("a mis-shaped or missing weight is refused with its key named")
    func refusesBadWeights() throws {
        var tensors = try Self.tinyTensors()
        tensors["input_blocks.1.0.in_layers.2.weight"] = Tensor.zeros([32, 32, 1, 1])
        var error = #expect(throws: ModelWeightsError.self) {
            try UNetModel(weights: ModelWeights(component: "unet", tensors: tensors), attentionHeads: .count(2))
        }
        #expect(error?.key == "input_blocks.1.0.in_layers.2.weight")
        #expect(error?.description.contains("expected shape [32, 32, 3, 3], found [32, 32, 1, 1]") == true)

        tensors = try Self.tinyTensors()
        tensors["output_blocks.4.1.transformer_blocks.0.attn2.to_v.weight"] = nil
        error = #expect(throws: ModelWeightsError.self) {
            try UNetModel(weights: ModelWeights(component: "unet", tensors: tensors), attentionHeads: .count(2))
        }
        #expect(error?.description == "unet: output_blocks.4.1.transformer_blocks.0.attn2.to_v.weight: missing from the checkpoint")

        error = #expect(throws: ModelWeightsError.self) { try UNetModel(weights: Self.tinyWeights(), attentionHeads: .count(3)) }
        #expect(error?.key == "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight")
        #expect(error?.message.contains("32 channels do not split into 3 heads") == true)

        error = #expect(throws: ModelWeightsError.self) {
            let notAUNet = ModelWeights(component: "unet", tensors: ["time_embed.0.weight": Tensor.zeros([4, 4])])
            return try UNetModel(weights: notAUNet, attentionHeads: .count(8))
        }
        #expect(error?.key == "input_blocks.0.0.weight")
    }

    @Test("SD2-style linear projections (2-D proj_in/proj_out) give the same result as 1×1 convolutions")
    func linearProjections() throws {
        var tensors = try Self.tinyTensors()
        for (key, tensor) in tensors where key.contains("proj_in.weight") || key.contains("proj_out.weight") {
            tensors[key] = try tensor.reshaped([tensor.shape[0], tensor.shape[1]])
        }
        let model = try UNetModel(weights: ModelWeights(component: "unet", tensors: tensors), attentionHeads: .count(2))
        #expect(model.config.linearProjection)
        let eps = try model.forward(fixtureTensor("unet", "x"), timesteps: [500], context: fixtureTensor("unet", "context"))
        let error = relativeError(eps, try fixtureTensor("unet", "eps.t500"))
        #expect(error <= Self.tolerance, "relative error \(error) exceeds \(Self.tolerance)")
    }

    @Test("heads split by count (SD1: 8 of 40 channels at 320) or by width (SD2: 64 channels each)")
    func splitsHeads() {
        func split(_ heads: UNetAttentionHeads, _ channels: Int) -> [Int]? {
            heads.split(channels: channels).map { [$0.heads, $0.headWidth] }
        }
        #expect(split(.count(8), 320) == [8, 40])
        #expect(split(.width(64), 320) == [5, 64])
        #expect(split(.width(64), 1280) == [20, 64])
        #expect(split(.count(3), 32) == nil)
        #expect(split(.width(0), 32) == nil)
    }
}
