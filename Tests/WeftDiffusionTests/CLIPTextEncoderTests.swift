import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The SD1 CLIP text encoder against ComfyUI's `CLIPTextEncode` for the five reference prompts (Fixtures/
/// text_encoder.safetensors, copied from ../shared/fixtures/sd-tiny; the tiny CLIP is 64 wide with 2 layers and 2
/// heads), with the last layer and with `CLIPSetLastLayer(-2)`. Conditioning and pooled output must each be within a
/// relative error (max |actual − expected| / max |expected|) of 1e-4. Then the layer choice, the causal mask, and
/// refusals of bad weights and bad token ids.
@Suite struct CLIPTextEncoderTests {
    static let checkpointPrefix = "cond_stage_model.transformer.text_model."
    static let tinyConfig = CLIPTextConfig(heads: 2)
    static let tolerance: Float = 1e-4
    static let encoder = Result {
        let weights = try ModelWeights.load(from: fixtureFile("tiny-sd1"), keyPrefix: checkpointPrefix, component: "clip")
        return try CLIPTextEncoder(model: CLIPTextModel(weights, config: tinyConfig), tokenizer: CLIPTokenizer())
    }

    /// The reference prompts p0 … p4 as the manifest lists them.
    static func prompts() throws -> [String] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/manifest", withExtension: "json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let files = try #require(manifest["files"] as? [String: Any])
        let textEncoder = try #require(files["text_encoder.safetensors"] as? [String: Any])
        let prompts = try #require(textEncoder["prompts"] as? [String: String])
        return try (0..<5).map { index in try #require(prompts["p\(index)"]) }
    }

    /// The text model's tensors from the tiny checkpoint, keyed without the checkpoint prefix, to tamper with.
    static func textModelTensors() throws -> [String: Tensor] {
        let file = try fixtureFile("tiny-sd1")
        var tensors: [String: Tensor] = [:]
        for name in file.names where name.hasPrefix(checkpointPrefix) {
            tensors[String(name.dropFirst(checkpointPrefix.count))] = try Tensor(shape: file.info(name).shape, values: file.floats(name))
        }
        return tensors
    }

    /// The `ModelWeightsError` building the tiny model from `tensors` with `heads` heads throws, if any.
    static func loadError(_ tensors: [String: Tensor], heads: Int = 2) -> ModelWeightsError? {
        do {
            _ = try CLIPTextModel(ModelWeights(component: "clip", tensors: tensors), config: CLIPTextConfig(heads: heads))
            return nil
        } catch {
            return error
        }
    }

    /// A window of `length` ids: start, `ids`, then end tokens.
    static func window(_ ids: [Int], length: Int = 77) -> [Int] {
        [CLIPTokenizer.startToken] + ids + Array(repeating: CLIPTokenizer.endToken, count: length - 1 - ids.count)
    }

    @Test(arguments: 0..<5, ["last", "penultimate"])
    func matchesComfyUI(prompt index: Int, layer: String) throws {
        let encoder = try Self.encoder.get()
        let prompt = try Self.prompts()[index]
        let (conditioning, pooled) = try encoder.encode(prompt: prompt, clipSkip: layer == "last" ? -1 : -2)
        let conditioningError = relativeError(conditioning, try fixtureTensor("text_encoder", "p\(index).\(layer).cond"))
        let pooledError = relativeError(pooled, try fixtureTensor("text_encoder", "p\(index).\(layer).pooled"))
        #expect(conditioningError <= Self.tolerance, "p\(index) \(layer) conditioning: relative error \(conditioningError) > 1e-4")
        #expect(pooledError <= Self.tolerance, "p\(index) \(layer) pooled: relative error \(pooledError) > 1e-4")
    }

    @Test func clipSkipResolvesLikeComfyUI() throws {
        let encoder = try Self.encoder.get()
        let model = encoder.model
        #expect(model.layerCount == 2 && model.width == 64 && model.vocabularySize == 49408 && model.positionCount == 77)
        // -1 last, -2 penultimate; past the first layer, or past the last counting from 0, means the last.
        let skips = [-1, -2, -3, -24, Int.min, 0, 1, 2, Int.max]
        #expect(skips.map { model.layerIndex(clipSkip: $0) } == [1, 0, 1, 1, 1, 0, 1, 1, 1])
        let prompt = try Self.prompts()[0]
        let beyond = try encoder.encode(prompt: prompt, clipSkip: -3)
        let last = try encoder.encode(prompt: prompt, clipSkip: -1)
        let penultimate = try encoder.encode(prompt: prompt, clipSkip: -2)
        #expect(beyond.conditioning == last.conditioning)
        #expect(penultimate.conditioning != last.conditioning)
        #expect(penultimate.pooled == last.pooled, "the pooled output always comes from the last layer")
    }

    @Test func laterTokensDoNotChangeEarlierPositions() throws {
        let model = try Self.encoder.get().model
        let first = try model.encode([Self.window([320, 736, 3055, 525, 320, 2175])], clipSkip: -1).hiddenStates
        let second = try model.encode([Self.window([320, 736, 3055, 525, 320, 1579])], clipSkip: -1).hiddenStates
        let before = { (hidden: Tensor) throws -> Tensor in try hidden.narrowed(dimension: 1, start: 0, length: 6) }
        let after = { (hidden: Tensor) throws -> Tensor in try hidden.narrowed(dimension: 1, start: 6, length: 71) }
        #expect(relativeError(try before(second), try before(first)) <= 1e-6)
        #expect(relativeError(try after(second), try after(first)) > 1e-3)
    }

    @Test func missingWeightIsNamed() throws {
        var tensors = try Self.textModelTensors()
        tensors["encoder.layers.1.mlp.fc2.weight"] = nil
        let error = try #require(Self.loadError(tensors))
        #expect(error.component == "clip" && error.key == "encoder.layers.1.mlp.fc2.weight", "\(error)")
        #expect(Self.loadError([:])?.key == "embeddings.token_embedding.weight")
    }

    @Test(arguments: [
        ("encoder.layers.0.self_attn.k_proj.weight", [64, 32]),
        ("encoder.layers.1.mlp.fc2.weight", [64, 96]),
        ("encoder.layers.0.layer_norm2.bias", [63]),
        ("final_layer_norm.weight", [32]),
        ("embeddings.token_embedding.weight", [49408 * 64]),
        ("embeddings.position_embedding.weight", [77, 32]),
    ])
    func misShapedWeightIsNamed(key: String, shape: [Int]) throws {
        var tensors = try Self.textModelTensors()
        tensors[key] = Tensor.zeros(shape)
        let error = try #require(Self.loadError(tensors))
        #expect(error.key == key, "\(error)")
    }

    @Test func headsMustDivideTheWidth() throws {
        let error = try #require(Self.loadError(try Self.textModelTensors(), heads: 3))
        #expect(error.key == "encoder.layers.0.self_attn.q_proj.weight", "\(error)")
        #expect(error.message.contains("3 attention heads"))
    }

    @Test func layerlessModelIsRefused() throws {
        let tensors = try Self.textModelTensors().filter { !$0.key.hasPrefix("encoder.") }
        let error = try #require(Self.loadError(tensors))
        #expect(error.key == "encoder.layers.0.layer_norm1.weight", "\(error)")
    }

    @Test func idsOutsideTheVocabularyAreRefused() throws {
        let encoder = try Self.encoder.get()
        #expect(throws: CLIPTextEncoderError.tokenOutOfRange(id: 49408, window: 0, position: 2, vocabularySize: 49408)) {
            try encoder.model.encode([Self.window([320, 49408])], clipSkip: -1)
        }
        #expect(throws: CLIPTextEncoderError.tokenOutOfRange(id: -1, window: 1, position: 1, vocabularySize: 49408)) {
            try encoder.model.encode([Self.window([320]), Self.window([-1])], clipSkip: -2)
        }
        let weighted = Self.window([320, 1_000_000]).map { (id: $0, weight: 1.5) }
        #expect(throws: CLIPTextEncoderError.tokenOutOfRange(id: 1_000_000, window: 0, position: 2, vocabularySize: 49408)) {
            try encoder.encode(windows: [weighted], clipSkip: -1)
        }
    }

    @Test func windowsThatDoNotFormABatchAreRefused() throws {
        let encoder = try Self.encoder.get()
        let cases: [[[Int]]] = [[], [[]], [Self.window([320]), Self.window([320], length: 76)], [Self.window([320], length: 78)]]
        for windows in cases {
            #expect(throws: CLIPTextEncoderError.self) { try encoder.model.encode(windows, clipSkip: -1) }
        }
        #expect(throws: CLIPTextEncoderError.self) { try encoder.encode(windows: [], clipSkip: -1) }
    }
}
