import Foundation
import Testing
import WeftDiffusion
import WeftTensor

/// The CPU generator against noise from ComfyUI (Fixtures/noise.safetensors) and from PyTorch itself
/// (Fixtures/torch_randn.safetensors); see Fixtures/README.md.
@Suite struct TorchGeneratorTests {
    static func reference(_ file: String, _ name: String) throws -> Tensor {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: "safetensors"))
        let reader = try SafetensorsFile(path: url.path(percentEncoded: false))
        return try Tensor(shape: try reader.info(name).shape, values: try reader.floats(name))
    }

    /// The largest difference relative to max(1, |reference|). PyTorch computes log, sin and cos with SLEEF's
    /// vector functions (1 ulp) and Weft with the C library's, so the last bits may differ.
    static func largestDifference(_ actual: Tensor, _ expected: Tensor) -> Float {
        guard actual.shape == expected.shape else { return .infinity }
        return zip(actual.scalars, expected.scalars).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
    }

    @Test func mersenneTwisterMatchesTheStandardSequence() {
        // The 10,000th output of std::mt19937 with its default seed 5489 is 4123659995 (C++ standard, [rand.predef]).
        var engine = MersenneTwister(seed: 5489)
        var value: UInt32 = 0
        for _ in 0..<10_000 { value = engine.next() }
        #expect(value == 4_123_659_995)
    }

    @Test(arguments: [("seed42", UInt64(42), [1, 4, 8, 8]), ("seed123456789", 123_456_789, [1, 4, 8, 8]), ("seed42.batch2", 42, [2, 4, 8, 8])])
    func comfyUINoiseForASeed(name: String, seed: UInt64, shape: [Int]) throws {
        var generator = TorchGenerator(seed: seed)
        // Tolerance 1e-6 relative: the deterministic-tensor bound is 1e-4; the draws differ in the last bit at most.
        #expect(Self.largestDifference(generator.randn(shape), try Self.reference("noise", name)) < 1e-6)
    }

    @Test(arguments: [
        ("seed42.n5", UInt64(42), [5]), ("seed42.n15", 42, [15]), ("seed0.n16", 0, [16]), ("seed7.n37", 7, [37]),
        ("seed4294967338.n20", 4_294_967_338, [20]), ("seed18446744073709551615.latent", UInt64.max, [1, 4, 16, 16]),
    ])
    func everyPathOfTorchRandn(name: String, seed: UInt64, shape: [Int]) throws {
        var generator = TorchGenerator(seed: seed)
        #expect(Self.largestDifference(generator.randn(shape), try Self.reference("torch_randn", name)) < 1e-6)
    }

    @Test func drawsContinueTheStream() throws {
        // Two draws of [1, 4, 8, 8] from one generator are not the same noise, and the first equals a fresh draw.
        var generator = TorchGenerator(seed: 42)
        let first = generator.randn([1, 4, 8, 8])
        let second = generator.randn([1, 4, 8, 8])
        var fresh = TorchGenerator(seed: 42)
        #expect(fresh.randn([1, 4, 8, 8]) == first)
        #expect(first != second)
    }
}
