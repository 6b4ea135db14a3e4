import WeftDiffusion
import WeftTensor

/// The tensor shapes of a UNet checkpoint in ComfyUI's key layout for a `UNetConfig`, and the floating-point work of
/// one forward pass, so tests and the benchmark can build UNets of any size with random weights. Walks the structure
/// as ComfyUI's `UNetModel` constructor does; FLOPs are 2 × the multiply-adds of every convolution, linear layer and
/// attention matrix product (norms, activations and additions are not counted).
struct UNetBlueprint {
    /// Every tensor's key (without `model.diffusion_model.`) and shape.
    private(set) var shapes: [String: [Int]] = [:]
    /// FLOPs of one forward pass at the latent size and batch given to `init`.
    private(set) var flops: Double = 0

    private let config: UNetConfig
    private let batch: Double
    private let contextLength: Int

    /// The blueprint of `config` evaluated on a `[batch, in, height, width]` latent with `contextLength` tokens.
    init(_ config: UNetConfig, height: Int, width: Int, batch: Int, contextLength: Int) {
        self.config = config
        self.batch = Double(batch)
        self.contextLength = contextLength
        var size = (height, width)
        var channels = config.modelChannels
        var skips: [(channels: Int, size: (Int, Int))] = []
        let levels = config.channelMultipliers.count
        convolution("input_blocks.0.0.", in: config.inChannels, out: channels, kernel: 3, size: size)
        skips.append((channels, size))
        var block = 1
        var depths = config.inputTransformerDepths.makeIterator()
        for level in 0..<levels {
            for _ in 0..<config.resBlocksPerLevel[level] {
                let out = config.modelChannels * config.channelMultipliers[level]
                residual("input_blocks.\(block).0.", in: channels, out: out, size: size)
                channels = out
                transformer("input_blocks.\(block).1.", channels: channels, depth: depths.next() ?? 0, size: size)
                skips.append((channels, size))
                block += 1
            }
            if level < levels - 1 {
                size = ((size.0 + 1) / 2, (size.1 + 1) / 2)
                convolution("input_blocks.\(block).0.op.", in: channels, out: channels, kernel: 3, size: size)
                skips.append((channels, size))
                block += 1
            }
        }
        residual("middle_block.0.", in: channels, out: channels, size: size)
        if let depth = config.middleTransformerDepth {
            transformer("middle_block.1.", channels: channels, depth: depth, size: size)
            residual("middle_block.2.", in: channels, out: channels, size: size)
        }
        block = 0
        for level in (0..<levels).reversed() {
            for index in 0...config.resBlocksPerLevel[level] {
                let skip = skips.removeLast()
                let out = config.modelChannels * config.channelMultipliers[level]
                residual("output_blocks.\(block).0.", in: channels + skip.channels, out: out, size: size)
                channels = out
                let depth = config.outputTransformerDepths[block]
                transformer("output_blocks.\(block).1.", channels: channels, depth: depth, size: size)
                if level > 0, index == config.resBlocksPerLevel[level], let next = skips.last {
                    size = next.size
                    convolution("output_blocks.\(block).\(depth > 0 ? 2 : 1).conv.", in: channels, out: channels, kernel: 3, size: size)
                }
                block += 1
            }
        }
        norm("out.0.", channels: channels)
        convolution("out.2.", in: channels, out: config.outChannels, kernel: 3, size: size)
        linear("time_embed.0.", in: config.modelChannels, out: config.timeEmbeddingWidth, rows: 1)
        linear("time_embed.2.", in: config.timeEmbeddingWidth, out: config.timeEmbeddingWidth, rows: 1)
    }

    /// Random weights for every tensor: kernels and matrices uniform in ±√(3 / fan-in), norm scales 1 ± 0.1, biases
    /// and shifts within ±0.1, from a fixed-seed generator.
    func randomWeights(seed: UInt64 = 1) throws -> ModelWeights {
        var state = seed
        var tensors: [String: Tensor] = [:]
        for (key, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            let isScale = shape.count == 1 && key.hasSuffix("weight")
            let bound: Float = shape.count == 1 ? 0.1 : (3 / Float(shape.dropFirst().reduce(1, *))).squareRoot()
            let values = Self.uniform(count: shape.reduce(1, *), state: &state).map { (isScale ? 1 : 0) + bound * $0 }
            tensors[key] = try Tensor(shape: shape, values: values)
        }
        return ModelWeights(component: "unet", tensors: tensors)
    }

    /// A tensor of `shape` uniform in [-1, 1) from a generator seeded with `seed`.
    static func randomTensor(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var state = seed
        return try Tensor(shape: shape, values: uniform(count: shape.reduce(1, *), state: &state))
    }

    /// `count` values uniform in [-1, 1) from the xorshift64* generator `state` (non-zero).
    private static func uniform(count: Int, state: inout UInt64) -> [Float] {
        (0..<count).map { _ in
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return Float((state &* 0x2545_F491_4F6C_DD1D) >> 40) / Float(1 << 23) - 1
        }
    }

    private mutating func convolution(_ prefix: String, in inChannels: Int, out: Int, kernel: Int, size: (Int, Int)) {
        shapes[prefix + "weight"] = [out, inChannels, kernel, kernel]
        shapes[prefix + "bias"] = [out]
        flops += 2 * batch * Double(size.0 * size.1) * Double(out * inChannels * kernel * kernel)
    }

    private mutating func linear(_ prefix: String, in inFeatures: Int, out: Int, rows: Int, bias: Bool = true) {
        shapes[prefix + "weight"] = [out, inFeatures]
        if bias { shapes[prefix + "bias"] = [out] }
        flops += 2 * batch * Double(rows) * Double(inFeatures * out)
    }

    private mutating func norm(_ prefix: String, channels: Int) {
        shapes[prefix + "weight"] = [channels]
        shapes[prefix + "bias"] = [channels]
    }

    private mutating func residual(_ prefix: String, in inChannels: Int, out: Int, size: (Int, Int)) {
        norm(prefix + "in_layers.0.", channels: inChannels)
        convolution(prefix + "in_layers.2.", in: inChannels, out: out, kernel: 3, size: size)
        linear(prefix + "emb_layers.1.", in: config.timeEmbeddingWidth, out: out, rows: 1)
        norm(prefix + "out_layers.0.", channels: out)
        convolution(prefix + "out_layers.3.", in: out, out: out, kernel: 3, size: size)
        if inChannels != out {
            convolution(prefix + "skip_connection.", in: inChannels, out: out, kernel: 1, size: size)
        }
    }

    private mutating func transformer(_ prefix: String, channels: Int, depth: Int, size: (Int, Int)) {
        guard depth > 0, let contextWidth = config.contextWidth else { return }
        let tokens = size.0 * size.1
        norm(prefix + "norm.", channels: channels)
        projection(prefix + "proj_in.", channels: channels, tokens: tokens)
        for index in 0..<depth {
            let block = prefix + "transformer_blocks.\(index)."
            for (attention, width, keys) in [("attn1.", channels, tokens), ("attn2.", contextWidth, contextLength)] {
                linear(block + attention + "to_q.", in: channels, out: channels, rows: tokens, bias: false)
                linear(block + attention + "to_k.", in: width, out: channels, rows: keys, bias: false)
                linear(block + attention + "to_v.", in: width, out: channels, rows: keys, bias: false)
                linear(block + attention + "to_out.0.", in: channels, out: channels, rows: tokens)
                flops += 2 * 2 * batch * Double(tokens) * Double(keys) * Double(channels)
            }
            linear(block + "ff.net.0.proj.", in: channels, out: 8 * channels, rows: tokens)
            linear(block + "ff.net.2.", in: 4 * channels, out: channels, rows: tokens)
            for name in ["norm1.", "norm2.", "norm3."] { norm(block + name, channels: channels) }
        }
        projection(prefix + "proj_out.", channels: channels, tokens: tokens)
    }

    private mutating func projection(_ prefix: String, channels: Int, tokens: Int) {
        if config.linearProjection {
            linear(prefix, in: channels, out: channels, rows: tokens)
        } else {
            convolution(prefix, in: channels, out: channels, kernel: 1, size: (tokens, 1))
        }
    }
}
