import Foundation
public import WeftTensor

/// PyTorch's CPU random generator, number for number: `TorchGenerator(seed: s).randn(shape)` equals
/// `torch.randn(shape, generator=torch.manual_seed(s))`, which is how ComfyUI makes a seed's initial noise.
///
/// Like PyTorch, the engine is MT19937 seeded with the seed's low 32 bits. Normal samples follow PyTorch's two CPU
/// paths: tensors of 16 or more elements are filled with uniform floats and turned into normals 16 at a time by
/// Box–Muller (the last 16 recomputed from fresh uniforms when the count is not a multiple of 16); smaller tensors
/// draw double-precision normals one by one, each Box–Muller pair serving two draws.
public struct TorchGenerator: Sendable {
    private var engine: MersenneTwister
    /// The second value of the last double-precision Box–Muller pair, served by the next scalar draw.
    private var cachedNormal: Double?

    /// `torch.manual_seed(seed)`; seeds above 2³² − 1 keep their low 32 bits, as PyTorch's engine does.
    public init(seed: UInt64) {
        engine = MersenneTwister(seed: UInt32(truncatingIfNeeded: seed))
    }

    /// A uniform float in [0, 1) from 24 random bits (PyTorch's `uniform_real_distribution<float>`).
    mutating func uniformFloat() -> Float {
        Float(engine.next() & 0xFF_FFFF) / Float(1 << 24)
    }

    /// A uniform double in [0, 1) from the low 53 bits of a 64-bit draw whose first 32-bit number is the high half
    /// (PyTorch's `random64` and `uniform_real_distribution<double>`).
    mutating func uniformDouble() -> Double {
        let high = UInt64(engine.next())
        let low = UInt64(engine.next())
        return Double(((high << 32) | low) & ((1 << 53) - 1)) / Double(UInt64(1) << 53)
    }

    /// A standard normal double (PyTorch's `normal_distribution<double>`).
    mutating func normalDouble() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let radius = (-2 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        cachedNormal = radius * Foundation.sin(theta)
        return radius * Foundation.cos(theta)
    }

    /// `torch.randn(shape, generator=self)` in float32.
    public mutating func randn(_ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        if count < 16 {
            for i in 0..<count { values[i] = Float(normalDouble()) }
        } else {
            for i in 0..<count { values[i] = uniformFloat() }
            for start in stride(from: 0, through: count - 16, by: 16) { Self.boxMuller16(&values, at: start) }
            if count % 16 != 0 {
                for i in (count - 16)..<count { values[i] = uniformFloat() }
                Self.boxMuller16(&values, at: count - 16)
            }
        }
        return try! Tensor(shape: shape, values: values)
    }

    /// Turns 16 uniforms into 16 normals in place: element j and j + 8 (j < 8) become one Box–Muller pair.
    private static func boxMuller16(_ values: inout [Float], at start: Int) {
        for j in start..<(start + 8) {
            let u1 = 1 - values[j]
            let u2 = values[j + 8]
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            let theta = Float(2 * Double.pi) * u2
            values[j] = radius * Foundation.cos(theta)
            values[j + 8] = radius * Foundation.sin(theta)
        }
    }
}
