import Foundation
import Testing
import WeftTensor

@testable import WeftDiffusion

/// ComfyUI's Brownian-tree noise against torchsde itself (Fixtures/brownian.safetensors, written by
/// Fixtures/make_brownian.py; see Fixtures/README.md), and the two primitives the tree is built on.
@Suite struct BrownianNoiseTests {
    /// The raw 64-bit words of a fixture tensor stored as int64 or float64.
    static func words<Word: BitwiseCopyable>(_ name: String, as: Word.Type) throws -> [Word] {
        try fixtureFile("brownian").withRawBytes(name) { Array($0.bindMemory(to: Word.self)) }
    }

    /// The noise for every (σ, σ′) query of `dpmpp_2m_sde` and `dpmpp_sde` on a schedule, plus a reversed step and a
    /// step below the tree's range, matches torchsde's for each seed (including 0 and 2⁶⁴ − 1) to 1e-6, and asking in
    /// another order (reversed here) changes nothing.
    @Test(arguments: [
        ("normal.steps6", 42 as UInt64), ("normal.steps6", 123_456_789), ("normal.steps6", 0), ("normal.steps6", .max),
        ("karras.steps10", 42),
    ])
    func matchesTorchsde(schedule: String, seed: UInt64) throws {
        let sigmas = try fixtureTensor("brownian", "\(schedule).sigmas").scalars
        let pairs = try fixtureTensor("brownian", "\(schedule).pairs").scalars
        let expected = try fixtureTensor("brownian", "\(schedule).seed\(seed).noise")
        let positive = sigmas.filter { $0 > 0 }
        var sampler = try BrownianTreeNoiseSampler(
            shape: [1, 4, 8, 8], sigmaMin: try #require(positive.min()), sigmaMax: try #require(sigmas.max()), seed: seed)
        let queries = pairs.count / 2
        var worst: Float = 0
        for query in (0..<queries).reversed() {
            let noise = try sampler(pairs[2 * query], pairs[2 * query + 1])
            worst = max(worst, relativeError(noise, try expected.selected(dimension: 0, index: query)))
        }
        #expect(worst <= 1e-6, "largest relative error \(worst)")
    }

    /// A non-finite sigma is refused rather than searched for in the tree.
    @Test func refusesNonFiniteSigmas() throws {
        #expect(throws: SamplingError.nonFiniteSigma(.infinity)) {
            _ = try BrownianTreeNoiseSampler(shape: [4], sigmaMin: 0.1, sigmaMax: .infinity, seed: 1)
        }
        var sampler = try BrownianTreeNoiseSampler(shape: [4], sigmaMin: 0.1, sigmaMax: 10, seed: 1)
        #expect(throws: SamplingError.self) { _ = try sampler(.nan, 1) }
    }

    /// NumPy's SeedSequence words, with and without spawn keys (one of them above 2³²) and with two-word entropy.
    @Test(
        arguments: [
            (42, [], "seedsequence.entropy42.spawnnone"), (42, [0, 0], "seedsequence.entropy42.spawn0_0"),
            (123_456_789, [5, 3], "seedsequence.entropy123456789.spawn5_3"),
            (.max, [(1 << 33) + 5, 34], "seedsequence.entropy18446744073709551615.spawn8589934597_34"),
        ] as [(UInt64, [UInt64], String)])
    func seedSequenceMatchesNumPy(entropy: UInt64, spawnKey: [UInt64], name: String) throws {
        let expected = try Self.words(name, as: Int64.self).map { UInt32($0) }
        let sequence = SeedSequence(entropy: entropy, spawnKey: spawnKey, poolSize: 24)
        #expect(sequence.generateState(expected.count) == expected)
    }

    /// Python's `round(x, 6)`, bit for bit, including a binary tie (0.0078125 → 0.007812) and values too large to
    /// change.
    @Test func roundingMatchesPython() throws {
        let inputs = try Self.words("round6.input", as: Double.self)
        let expected = try Self.words("round6.output", as: Double.self)
        #expect(inputs.map(MicroRounding.rounded) == expected)
    }
}
