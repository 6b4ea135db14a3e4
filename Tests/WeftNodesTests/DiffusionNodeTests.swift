import Foundation
import Synchronization
import Testing
import WeftCore
import WeftDiffusion
import WeftNodes
import WeftTensor

/// The Stable Diffusion nodes run on the tiny checkpoint of Tests/WeftDiffusionTests/Fixtures (installed into a
/// scratch models/checkpoints with its 2-head overrides), checked against ComfyUI's own results there. Tolerance:
/// relative error ≤ 1e-4.
@Suite struct DiffusionNodeTests {
    /// The folder of the diffusion fixtures, shared with WeftDiffusionTests rather than copied.
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "WeftDiffusionTests/Fixtures")

    /// A fixture tensor from the diffusion fixtures.
    static func fixture(_ file: String, _ name: String) throws -> Tensor {
        let opened = try SafetensorsFile(path: fixtures.appending(path: "\(file).safetensors").path)
        return try Tensor(shape: opened.info(name).shape, values: opened.floats(name))
    }

    /// Copies the tiny checkpoint and its overrides into the scratch models/checkpoints as `tiny.safetensors`.
    static func installCheckpoint(in scratch: Scratch) throws {
        let folder = scratch.directories.models.appending(path: "checkpoints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixtures.appending(path: "tiny-sd1.safetensors"), to: folder.appending(path: "tiny.safetensors"))
        try FileManager.default.copyItem(at: fixtures.appending(path: "tiny-sd1.weft.json"), to: folder.appending(path: "tiny.weft.json"))
    }

    /// Progress and previews a node reported.
    final class Reports: Sendable {
        let progress = Mutex<[Int]>([])
        let previews = Mutex<[PreviewImage]>([])

        func context(_ scratch: Scratch) -> NodeContext {
            NodeContext(
                nodeID: "3", classType: "KSampler", promptID: "prompt", directories: scratch.directories, interruption: InterruptionFlag(),
                progressHandler: { value, _ in self.progress.withLock { $0.append(value) } },
                previewHandler: { image in self.previews.withLock { $0.append(image) } })
        }
    }

    /// The relative error of `actual` against `expected` (max |a − e| / max |e|).
    func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
        guard actual.shape == expected.shape else { return .infinity }
        let difference = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        return difference / max(expected.scalars.map(abs).max() ?? 0, .leastNormalMagnitude)
    }

    @Test func textToImageThroughTheNodesMatchesComfyUI() async throws {
        let scratch = Scratch()
        try Self.installCheckpoint(in: scratch)
        let loader = ModelLoaderNode.checkpoint(directories: scratch.directories, cache: DiffusionModelCache())
        let models = try await loader.run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
        let clip = try #require(models.slots[1].first)
        let positive = try await CLIPTextEncode().run(inputs(["text": "a red apple on a table", "clip": clip]), context: scratch.context())
        let negative = try await CLIPTextEncode().run(inputs(["text": "", "clip": clip]), context: scratch.context())
        let empty = try await EmptyLatentImage().run(inputs(["width": 64, "height": 64, "batch_size": 1]), context: scratch.context())
        let reports = Reports()
        let sampled = try await KSampler().run(
            inputs([
                "model": try #require(models.slots[0].first), "seed": 42, "steps": 6, "cfg": 4.0, "sampler_name": "euler",
                "scheduler": "normal", "positive": try #require(positive.slots[0].first), "negative": try #require(negative.slots[0].first),
                "latent_image": try #require(empty.slots[0].first), "denoise": 1.0,
            ]), context: reports.context(scratch))
        let latent = try #require(
            sampled.slots[0].first.flatMap { value -> LatentValue? in
                guard case .custom(let payload) = value else { return nil }
                return payload as? LatentValue
            })
        #expect(relativeError(latent.samples, try Self.fixture("samplers", "euler.normal.final")) <= 1e-4)
        #expect(reports.progress.withLock { $0 } == [1, 2, 3, 4, 5, 6])
        let previews = reports.previews.withLock { $0 }
        #expect(previews.count == 6)
        #expect(previews.allSatisfy { $0.format == .jpeg && $0.bytes.starts(with: [0xFF, 0xD8]) })
        let decoded = try await VAEDecode().run(
            inputs(["samples": .latent(latent), "vae": try #require(models.slots[2].first)]), context: scratch.context())
        #expect(decoded.tensor(0)?.shape == [1, 64, 64, 3])
    }

    @Test func loadersListCheckpointsAndShareLoadedModels() async throws {
        let scratch = Scratch()
        try Self.installCheckpoint(in: scratch)
        let cache = DiffusionModelCache()
        let loader = ModelLoaderNode.checkpoint(directories: scratch.directories, cache: cache)
        #expect(loader.schema.inputs.first?.type == .combo([.string("tiny.safetensors")]))
        func model(_ output: NodeOutput) -> SharedModel<EpsilonDenoiser>? {
            guard case .custom(let payload)? = output.slots[0].first else { return nil }
            return (payload as? ModelValue)?.denoiser
        }
        do {
            let first = try await loader.run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
            let second = try await loader.run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
            #expect(model(first) === model(second))
            #expect(cache.liveModelCount == 3)
        }
        #expect(cache.liveModelCount == 0)
        let fingerprint = try await loader.fingerprint(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
        #expect(fingerprint != nil)
    }

    @Test func aBrokenCheckpointIsANodeErrorAndLoadingGoesOn() async throws {
        let scratch = Scratch()
        try Self.installCheckpoint(in: scratch)
        let folder = scratch.directories.models.appending(path: "checkpoints")
        let whole = try Data(contentsOf: folder.appending(path: "tiny.safetensors"))
        try whole.prefix(4096).write(to: folder.appending(path: "broken.safetensors"))
        let loader = ModelLoaderNode.checkpoint(directories: scratch.directories, cache: DiffusionModelCache())
        await #expect { try await loader.run(inputs(["ckpt_name": "broken.safetensors"]), context: scratch.context()) } throws: { error in
            guard case .unusableModel(let name, _) = error as? DiffusionNodeError else { return false }
            return name == "broken.safetensors"
        }
        await #expect { try await loader.run(inputs(["ckpt_name": "../tiny.safetensors"]), context: scratch.context()) } throws: { _ in true }
        await #expect { try await loader.run(inputs(["ckpt_name": "missing.safetensors"]), context: scratch.context()) } throws: { error in
            "\(error)".contains("missing.safetensors")
        }
        let models = try await loader.run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
        #expect(models.slots.count == 3)
    }

    @Test func latentAndConditioningNodes() async throws {
        let scratch = Scratch()
        let empty = try await EmptyLatentImage().run(inputs(["width": 100, "height": 64, "batch_size": 2]), context: scratch.context())
        let latent = try #require(empty.slots[0].first)
        func samples(_ output: NodeOutput) -> Tensor? {
            guard case .custom(let payload)? = output.slots[0].first else { return nil }
            return (payload as? LatentValue)?.samples
        }
        #expect(samples(empty)?.shape == [2, 4, 8, 12])
        let scaled = try await LatentUpscaleBy().run(
            inputs(["samples": latent, "upscale_method": "bilinear", "scale_by": 1.5]), context: scratch.context())
        #expect(samples(scaled)?.shape == [2, 4, 12, 18])
        let sized = try await LatentUpscale().run(
            inputs(["samples": latent, "upscale_method": "nearest-exact", "width": 0, "height": 128, "crop": "disabled"]), context: scratch.context())
        #expect(samples(sized)?.shape == [2, 4, 16, 24])
        let masked = try await SetLatentNoiseMask().run(
            inputs(["samples": latent, "mask": .mask(Tensor(shape: [1, 64, 100], repeating: 1))]), context: scratch.context())
        guard case .custom(let payload)? = masked.slots[0].first, let maskedLatent = payload as? LatentValue else {
            Issue.record("SetLatentNoiseMask gave no latent")
            return
        }
        #expect(maskedLatent.noiseMask?.shape == [1, 1, 64, 100])

        let context = Tensor(shape: [1, 77, 8], repeating: 0.5)
        let conditioning = Value.conditioning([ConditioningEntry(context: context, pooled: Tensor(shape: [1, 8], repeating: 1))])
        let area = try await ConditioningSetArea().run(
            inputs(["conditioning": conditioning, "width": 256, "height": 128, "x": 64, "y": 8, "strength": 0.5]), context: scratch.context())
        let combined = try await ConditioningCombine().run(
            inputs(["conditioning_1": conditioning, "conditioning_2": try #require(area.slots[0].first)]), context: scratch.context())
        let zeroed = try await ConditioningZeroOut().run(inputs(["conditioning": try #require(combined.slots[0].first)]), context: scratch.context())
        guard case .custom(let zeroPayload)? = zeroed.slots[0].first, let entries = (zeroPayload as? ConditioningValue)?.entries else {
            Issue.record("no conditioning")
            return
        }
        #expect(entries.count == 2)
        #expect(entries[1].area == LatentArea(height: 16, width: 32, y: 1, x: 8))
        #expect(entries[1].strength == 0.5)
        #expect(entries.allSatisfy { $0.context.scalars.allSatisfy { $0 == 0 } && $0.pooled?.scalars.allSatisfy { $0 == 0 } == true })
    }

    @Test func samplingRefusesNaNLatentsAndMismatchedConditioning() async throws {
        let scratch = Scratch()
        try Self.installCheckpoint(in: scratch)
        let models = try await ModelLoaderNode.checkpoint(directories: scratch.directories, cache: DiffusionModelCache())
            .run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
        let model = try #require(models.slots[0].first)
        let good = Value.conditioning([ConditioningEntry(context: Tensor(shape: [1, 77, 64], repeating: 0))])
        let wrongWidth = Value.conditioning([ConditioningEntry(context: Tensor(shape: [1, 77, 768], repeating: 0))])
        let nanLatent = Value.latent(LatentValue(samples: Tensor(shape: [1, 4, 8, 8], repeating: .nan)))
        let zeroLatent = Value.latent(LatentValue(samples: Tensor.zeros([1, 4, 8, 8])))
        func sampler(_ positive: Value, _ latent: Value) -> NodeInputs {
            inputs([
                "model": model, "seed": 1, "steps": 2, "cfg": 4.0, "sampler_name": "euler", "scheduler": "normal",
                "positive": positive, "negative": good, "latent_image": latent, "denoise": 1.0,
            ])
        }
        await #expect { try await KSampler().run(sampler(good, nanLatent), context: scratch.context()) } throws: { error in
            "\(error)".contains("latent_image")
        }
        await #expect { try await KSampler().run(sampler(wrongWidth, zeroLatent), context: scratch.context()) } throws: { error in
            "\(error)".contains("positive") && "\(error)".contains("64")
        }
        let result = try await KSampler().run(sampler(good, zeroLatent), context: scratch.context())
        #expect(result.slots[0].count == 1)
        let interruption = InterruptionFlag()
        interruption.raise()
        let interrupted = NodeContext(
            nodeID: "3", classType: "KSampler", promptID: "prompt", directories: scratch.directories, interruption: interruption)
        await #expect(throws: ExecutionInterrupted.self) { try await KSampler().run(sampler(good, zeroLatent), context: interrupted) }
    }

    /// VAEEncodeForInpaint on a 16 × 16 masked square at (16, 16): the noise mask is the square grown by the
    /// 6-pixel box (rows and columns 14…34), and the latent is the VAE encoding of the image with the square grey.
    @Test func inpaintEncodingGrowsTheMaskAndGreysTheMaskedPixels() async throws {
        let scratch = Scratch()
        try Self.installCheckpoint(in: scratch)
        let models = try await ModelLoaderNode.checkpoint(directories: scratch.directories, cache: DiffusionModelCache())
            .run(inputs(["ckpt_name": "tiny.safetensors"]), context: scratch.context())
        let vae = try #require(models.slots[2].first)
        let image = try Tensor(shape: [1, 64, 64, 3], values: (0..<(64 * 64 * 3)).map { Float($0 % 251) / 250 })
        var maskValues = [Float](repeating: 0, count: 64 * 64)
        var greyed = image.scalars
        for row in 16..<32 {
            for column in 16..<32 {
                maskValues[row * 64 + column] = 1
                for channel in 0..<3 { greyed[(row * 64 + column) * 3 + channel] = 0.5 }
            }
        }
        let output = try await VAEEncodeForInpaint().run(
            inputs(["pixels": .image(image), "vae": vae, "mask": .mask(try Tensor(shape: [1, 64, 64], values: maskValues)), "grow_mask_by": 6]),
            context: scratch.context())
        guard case .custom(let payload)? = output.slots[0].first, let latent = payload as? LatentValue, let noiseMask = latent.noiseMask else {
            Issue.record("VAEEncodeForInpaint gave no masked latent")
            return
        }
        #expect(noiseMask.shape == [1, 1, 64, 64])
        for row in 0..<64 {
            for column in 0..<64 {
                let inside = (14...34).contains(row) && (14...34).contains(column)
                #expect(noiseMask[0, 0, row, column] == (inside ? 1 : 0), "mask at \(row), \(column)")
            }
        }
        let expected = try await VAEEncode().run(
            inputs(["pixels": .image(try Tensor(shape: image.shape, values: greyed)), "vae": vae]), context: scratch.context())
        guard case .custom(let expectedPayload)? = expected.slots[0].first, let expectedLatent = expectedPayload as? LatentValue else {
            Issue.record("VAEEncode gave no latent")
            return
        }
        #expect(relativeError(latent.samples, expectedLatent.samples) <= 1e-6)
    }
}
