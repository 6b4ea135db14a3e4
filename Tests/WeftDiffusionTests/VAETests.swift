import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The AutoencoderKL against ComfyUI 0.3.64's own outputs for the tiny SD1 checkpoint (Fixtures/vae.safetensors, from
/// ../shared/fixtures/sd-tiny: `VAEDecode().decode` and `VAEEncode().encode` on CPU in float32). The computation is
/// deterministic, so every comparison with a fixture allows a relative error (`relativeError`: max |a − e| / max |e|)
/// of at most 1e-4; what remains is float rounding from a different order of operations (measured: about 2e-6).
@Suite struct VAETests {
    /// The largest relative error allowed against a ComfyUI fixture.
    static let tolerance: Float = 1e-4

    /// The tiny checkpoint's VAE, loaded as CheckpointLoaderSimple's VAE output is.
    static func tinyWeights() throws -> ModelWeights {
        try ModelWeights.load(from: fixtureFile("tiny-sd1"), keyPrefix: "first_stage_model.", component: "vae")
    }

    /// The tiny checkpoint's VAE tensors by key without the prefix, to alter or write elsewhere.
    static func tinyTensors() throws -> [String: Tensor] {
        let checkpoint = try fixtureFile("tiny-sd1")
        var tensors: [String: Tensor] = [:]
        for name in checkpoint.names where name.hasPrefix("first_stage_model.") {
            let key = String(name.dropFirst("first_stage_model.".count))
            tensors[key] = try Tensor(shape: checkpoint.info(name).shape, values: checkpoint.floats(name))
        }
        return tensors
    }

    /// The tiny checkpoint's VAE, built.
    static func tinyVAE() throws -> AutoencoderKL {
        try AutoencoderKL(weights: tinyWeights())
    }

    @Test func sizesAreReadFromTheWeights() throws {
        let config = try Self.tinyVAE().config
        #expect(config.baseChannels == 32)
        #expect(config.levelChannels == [32, 32, 64, 64])
        #expect(config.resBlocksPerLevel == 1)
        #expect(config.encoderAttention == [false, false, false, false])
        #expect(config.decoderAttention == [false, false, false, false])
        #expect(config.middleAttention)
        #expect(config.imageChannels == 3 && config.outputChannels == 3)
        #expect(config.zChannels == 4 && config.latentChannels == 4)
        #expect(config.scaleFactor == 8)
    }

    @Test func decodeMatchesComfyUI() throws {
        let image = try Self.tinyVAE().decode(fixtureTensor("vae", "decode.in"))
        let error = relativeError(image, try fixtureTensor("vae", "decode.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    @Test func encodeMatchesComfyUI() throws {
        let latent = try Self.tinyVAE().encode(fixtureTensor("vae", "encode.in"))
        let error = relativeError(latent, try fixtureTensor("vae", "encode.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    /// A 68 × 76 image is centre-cropped to 64 × 72 (two rows and two columns off each side) before encoding.
    @Test func encodeCropsLikeComfyUI() throws {
        let vae = try Self.tinyVAE()
        let image = try fixtureTensor("vae", "encode_crop.in")
        let cropped = try vae.croppedForEncoding(image)
        #expect(cropped == (try image.view.narrowed(dimension: 1, start: 2, length: 64).narrowed(dimension: 2, start: 2, length: 72).contiguous()))
        let error = relativeError(try vae.encode(image), try fixtureTensor("vae", "encode_crop.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    /// roundtrip.out is VAEDecode(VAEEncode(encode.in)).
    @Test func roundTripMatchesComfyUI() throws {
        let vae = try Self.tinyVAE()
        let image = try vae.decode(vae.encode(fixtureTensor("vae", "encode.in")))
        let error = relativeError(image, try fixtureTensor("vae", "roundtrip.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    /// A standalone VAE file (as VAELoader reads from models/vae) has the same keys without the checkpoint prefix.
    @Test func standaloneVAEFileLoads() throws {
        var writer = SafetensorsWriter()
        for (key, tensor) in try Self.tinyTensors() {
            try writer.add(key, values: tensor.scalars, shape: tensor.shape)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-vae-\(UUID().uuidString).safetensors").path
        try writer.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let vae = try AutoencoderKL(weights: ModelWeights.load(from: SafetensorsFile(path: path), keyPrefix: "", component: "vae"))
        let error = relativeError(try vae.decode(fixtureTensor("vae", "decode.in")), try fixtureTensor("vae", "decode.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    /// Each image of a batch is decoded and encoded on its own, so a batch equals its images one by one; an alpha
    /// channel is ignored.
    @Test func batchesAndAlphaAreHandled() throws {
        let vae = try Self.tinyVAE()
        let first = try fixtureTensor("vae", "decode.in")
        let second = try fixtureTensor("vae", "encode.out")
        let images = try vae.decode(concat([first, second], dimension: 0))
        #expect(images.shape == [2, 64, 64, 3])
        #expect(relativeError(try images.narrowed(dimension: 0, start: 1, length: 1), try vae.decode(second)) <= 1e-6)

        let rgb = try fixtureTensor("vae", "encode.in")
        let rgba = try concat([rgb, Tensor(shape: [1, 64, 64, 1], repeating: 0.25)], dimension: 3)
        let error = relativeError(try vae.encode(rgba), try fixtureTensor("vae", "encode.out"))
        #expect(error <= Self.tolerance, "relative error \(error)")
    }

    /// Latents and images whose sides are odd multiples of the scale factor go through every level (the odd sizes
    /// reach the Winograd convolutions' half tiles and the downsampling's padding).
    @Test func oddSizesKeepTheirShape() throws {
        let vae = try Self.tinyVAE()
        var generator = TorchGenerator(seed: 3)
        let image = try vae.decode(generator.randn([1, 4, 5, 7]))
        #expect(image.shape == [1, 40, 56, 3])
        #expect(image.scalars.allSatisfy { (0...1).contains($0) })
        #expect(try vae.encode(image).shape == [1, 4, 5, 7])
    }

    /// When the image fits one tile in all three passes, the tiled paths are the plain ones.
    @Test func tiledPathsWithOneTileEqualThePlainOnes() throws {
        let vae = try Self.tinyVAE()
        let decoded = try vae.decodeTiled(fixtureTensor("vae", "decode.in"), tileSize: 512, overlap: 64)
        #expect(relativeError(decoded, try fixtureTensor("vae", "decode.out")) <= Self.tolerance)
        let encoded = try vae.encodeTiled(fixtureTensor("vae", "encode.in"), tileSize: 128, overlap: 32)
        #expect(relativeError(encoded, try fixtureTensor("vae", "encode.out")) <= Self.tolerance)
    }

    /// Tiled decoding of a 32 × 32 latent (256-pixel tiles, so 4 to 9 tiles per pass) stays close to the plain decode.
    ///
    /// It cannot be equal: each tile's group normalisations take their statistics over the tile alone and its middle
    /// attention sees only the tile, and the tiny model, whose 32 groups hold one or two channels each, reacts
    /// strongly to that. With ComfyUI's 64-pixel overlap the pixels (0…1) differ by 0.009 on average and 0.10 at most
    /// (measured); the test allows about twice that, mean ≤ 0.02 and max ≤ 0.2. A blending fault (a misplaced tile, an
    /// unnormalised weight) shifts whole regions by the image's full range, far beyond this. The same tiles without
    /// overlap, whose seams are hard cuts, differ by 0.45 at most: the feathered blend must more than halve that.
    @Test func tiledDecodeStaysCloseToThePlainDecode() throws {
        let vae = try Self.tinyVAE()
        var generator = TorchGenerator(seed: 7)
        let latent = generator.randn([1, 4, 32, 32])
        let plain = try vae.decode(latent)
        let blended = try Self.differences(vae.decodeTiled(latent, tileSize: 256, overlap: 64), plain)
        #expect(blended.mean <= 0.02 && blended.max <= 0.2, "\(blended)")
        let hardSeams = try Self.differences(vae.decodeTiled(latent, tileSize: 256, overlap: 0), plain)
        #expect(blended.max * 2 <= hardSeams.max, "blended \(blended), hard seams \(hardSeams)")
    }

    /// Tiled encoding of a 256 × 256 image (256-pixel square tiles; the tall and wide passes split it in two to four)
    /// stays close to the plain encode, for the reasons `tiledDecodeStaysCloseToThePlainDecode` gives: the latent
    /// (values within about ±3) differs by 0.021 on average and 0.21 at most (measured); allowed: mean ≤ 0.04, max ≤ 0.4.
    @Test func tiledEncodeStaysCloseToThePlainEncode() throws {
        let vae = try Self.tinyVAE()
        var generator = TorchGenerator(seed: 7)
        let image = try vae.decode(generator.randn([1, 4, 32, 32]))
        let blended = try Self.differences(vae.encodeTiled(image, tileSize: 256, overlap: 64), vae.encode(image))
        #expect(blended.mean <= 0.04 && blended.max <= 0.4, "\(blended)")
    }

    /// The blend itself is exact: for a function that treats every position on its own (nearest-neighbour ×8, or the
    /// mean of 8 × 8 blocks), the tiled result equals the untiled one up to float rounding (≤ 1e-6 relative), whatever
    /// the tiles.
    @Test func tiledScaleOfALocalFunctionIsExact() throws {
        var generator = TorchGenerator(seed: 11)
        let small = generator.randn([1, 3, 20, 28])
        let upscaling = try TiledScale(tileHeight: 8, tileWidth: 6, overlap: 2, numerator: 8, denominator: 1)
        let upscaled = try upscaling(small, outputChannels: 3) { tile throws(TensorError) in
            try resize(tile, height: tile.shape[2] * 8, width: tile.shape[3] * 8, method: .nearestExact)
        }
        #expect(relativeError(upscaled, try resize(small, height: 160, width: 224, method: .nearestExact)) <= 1e-6)

        let large = generator.randn([1, 3, 64, 96])
        let downscaling = try TiledScale(tileHeight: 32, tileWidth: 48, overlap: 16, numerator: 1, denominator: 8)
        let downscaled = try downscaling(large, outputChannels: 3) { tile throws(TensorError) in
            try resize(tile, height: tile.shape[2] / 8, width: tile.shape[3] / 8, method: .area)
        }
        #expect(relativeError(downscaled, try resize(large, height: 8, width: 12, method: .area)) <= 1e-6)
    }

    @Test func badInputsAreRefused() throws {
        let vae = try Self.tinyVAE()
        #expect(throws: TensorError.self) { try vae.decode(Tensor.zeros([1, 3, 8, 8])) }
        #expect(throws: TensorError.self) { try vae.decode(Tensor.zeros([4, 8, 8])) }
        #expect(throws: TensorError.self) { try vae.decodeTiled(Tensor.zeros([1, 5, 8, 8])) }
        #expect(throws: TensorError.self) { try vae.encode(Tensor.zeros([1, 6, 64, 3])) }
        #expect(throws: TensorError.self) { try vae.encode(Tensor.zeros([1, 64, 64, 2])) }
        #expect(throws: TensorError.self) { try vae.encode(Tensor.zeros([0, 64, 64, 3])) }
        #expect(throws: TensorError.self) { try vae.encodeTiled(Tensor.zeros([1, 7, 7, 3])) }
        #expect(throws: TensorError.self) { try vae.decodeTiled(Tensor.zeros([1, 4, 8, 8]), tileSize: 100, overlap: 16) }
        #expect(throws: TensorError.self) { try vae.encodeTiled(Tensor.zeros([1, 64, 64, 3]), tileSize: 512, overlap: 20) }
    }

    /// A tensor with the wrong shape, or a missing one, is reported by its full key when the model is built.
    @Test(arguments: [
        ("decoder.up.1.block.0.conv1.weight", [32, 64, 1, 3]), ("encoder.down.2.block.0.norm2.bias", [32]),
        ("decoder.up.2.upsample.conv.weight", [64, 64, 3, 3, 1]), ("encoder.mid.attn_1.proj_out.weight", [64, 64]),
        ("post_quant_conv.bias", [3]), ("encoder.mid.attn_1.proj_out.bias", nil),
    ])
    func badWeightsNameTheKey(key: String, shape: [Int]?) throws {
        var tensors = try Self.tinyTensors()
        tensors[key] = shape.map { Tensor.zeros($0) }
        do {
            _ = try AutoencoderKL(weights: ModelWeights(component: "vae", tensors: tensors))
            Issue.record("a VAE with \(key) \(shape.map { "shaped \($0)" } ?? "missing") was built")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.component == "vae")
        }
    }

    /// The mean and largest absolute difference between two tensors of the same shape.
    static func differences(_ actual: Tensor, _ expected: Tensor) -> (mean: Float, max: Float) {
        var (sum, largest): (Float, Float) = (0, 0)
        for (a, e) in zip(actual.scalars, expected.scalars) {
            sum += abs(a - e)
            largest = max(largest, abs(a - e))
        }
        return (sum / Float(max(1, actual.count)), largest)
    }
}
