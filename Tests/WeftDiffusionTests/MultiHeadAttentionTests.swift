import CTensorKernels
import Testing
import WeftTensor

/// `multiHeadAttention` and `geglu` (WeftTensor kernels added for the UNet) against compositions of existing
/// WeftTensor operations: splitting the heads out, `scaledDotProductAttention` and merging them back; `split`, `gelu`
/// and a product. Both sides are Float32 with different summation orders, so they must agree within 1e-5 relative.
@Suite("multiHeadAttention and geglu")
struct MultiHeadAttentionTests {
    /// The bound on `relativeError` between the fused kernels and the compositions they replace.
    static let tolerance: Float = 1e-5

    /// `[B, L, H·D]` rearranged to `[B, H, L, D]`.
    static func headsFirst(_ x: Tensor, heads: Int) throws -> Tensor {
        try x.reshaped([x.shape[0], x.shape[1], heads, -1]).permuted([0, 2, 1, 3])
    }

    /// The reference: heads split out, `scaledDotProductAttention`, heads merged back.
    static func reference(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, scale: Float?) throws -> Tensor {
        let attended = try scaledDotProductAttention(
            query: headsFirst(q, heads: heads), key: headsFirst(k, heads: heads), value: headsFirst(v, heads: heads), scale: scale)
        let merged = try attended.permuted([0, 2, 1, 3])
        return try merged.reshaped([merged.shape[0], merged.shape[1], -1])
    }

    @Test(
        "matches split heads + scaledDotProductAttention",
        arguments: [
            // batch, queries, keys, heads, depth, value depth: SD1.5's level-0 self- and cross-attention shapes, odd
            // sizes that leave partial tiles everywhere, one head, one key, one query.
            (2, 300, 300, 8, 40, 40), (1, 257, 77, 8, 40, 40), (2, 117, 45, 3, 13, 7), (1, 64, 1, 2, 16, 16),
            (1, 1, 33, 1, 160, 160), (3, 17, 9, 4, 5, 9),
        ])
    func matchesReference(shape: (Int, Int, Int, Int, Int, Int)) throws {
        let (batch, queries, keys, heads, depth, valueDepth) = shape
        let q = try UNetBlueprint.randomTensor([batch, queries, heads * depth], seed: 21) * 3
        let k = try UNetBlueprint.randomTensor([batch, keys, heads * depth], seed: 22) * 3
        let v = try UNetBlueprint.randomTensor([batch, keys, heads * valueDepth], seed: 23)
        for scale: Float? in [nil, 0.3] {
            let fused = try multiHeadAttention(query: q, key: k, value: v, heads: heads, scale: scale)
            let error = relativeError(fused, try Self.reference(q, k, v, heads: heads, scale: scale))
            #expect(error <= Self.tolerance, "relative error \(error) for \(shape), scale \(String(describing: scale))")
        }
    }

    @Test(
        "every kernel this CPU runs (AVX-512, AVX2, portable) matches the reference",
        arguments: [(2, 300, 300, 8, 40, 40), (2, 117, 45, 3, 13, 7), (1, 33, 70, 2, 80, 24)])
    func everyKernelMatches(shape: (Int, Int, Int, Int, Int, Int)) throws {
        let (batch, queries, keys, heads, depth, valueDepth) = shape
        let q = try UNetBlueprint.randomTensor([batch, queries, heads * depth], seed: 27) * 3
        let k = try UNetBlueprint.randomTensor([batch, keys, heads * depth], seed: 28) * 3
        let v = try UNetBlueprint.randomTensor([batch, keys, heads * valueDepth], seed: 29)
        let expected = try Self.reference(q, k, v, heads: heads, scale: nil)
        for raw in 0...wt_attention_fastest_kernel().rawValue {
            var geometry = wt_attention_geometry(
                kernel: wt_attention_kernel(rawValue: raw), batch: batch, heads: heads, queries: queries, keys: keys,
                depth: depth, value_depth: valueDepth, query_stride: heads * depth, key_stride: heads * depth,
                value_stride: heads * valueDepth, output_stride: heads * valueDepth, scale: 1 / Float(depth).squareRoot(),
                block_rows: 0, items: 0, scratch_floats: 0)
            wt_attention_prepare(&geometry)
            var scratch = [Float](repeating: 0, count: geometry.scratch_floats)
            var output = [Float](repeating: .nan, count: batch * queries * heads * valueDepth)
            wt_attention(&geometry, q.scalars, k.scalars, v.scalars, &output, 0, geometry.items, &scratch)
            let error = relativeError(try Tensor(shape: expected.shape, values: output), expected)
            #expect(error <= Self.tolerance, "kernel \(raw): relative error \(error) for \(shape)")
        }
    }

    @Test("large scores stay finite: the softmax subtracts each row's maximum")
    func largeScores() throws {
        let q = try UNetBlueprint.randomTensor([1, 40, 64], seed: 24) * 300
        let v = try UNetBlueprint.randomTensor([1, 40, 64], seed: 25)
        let fused = try multiHeadAttention(query: q, key: q, value: v, heads: 4)
        #expect(relativeError(fused, try Self.reference(q, q, v, heads: 4, scale: nil)) <= Self.tolerance)
    }

    @Test("no keys give zeros; shapes that do not fit are refused with their shapes named")
    func edgeCasesAndErrors() throws {
        let q = Tensor.zeros([2, 5, 8])
        let noKeys = try multiHeadAttention(query: q, key: Tensor.zeros([2, 0, 8]), value: Tensor.zeros([2, 0, 6]), heads: 2)
        #expect(noKeys == Tensor.zeros([2, 5, 6]))
        let cases: [(Tensor, Tensor, Tensor, Int)] = [
            (q, Tensor.zeros([2, 3, 8]), Tensor.zeros([2, 4, 8]), 2),  // key and value lengths differ
            (q, Tensor.zeros([2, 3, 6]), Tensor.zeros([2, 3, 8]), 2),  // query and key widths differ
            (q, Tensor.zeros([1, 3, 8]), Tensor.zeros([1, 3, 8]), 2),  // batch sizes differ
            (q, Tensor.zeros([2, 3, 8]), Tensor.zeros([2, 3, 8]), 3),  // 3 heads do not divide 8
            (Tensor.zeros([5, 8]), Tensor.zeros([3, 8]), Tensor.zeros([3, 8]), 2),  // not 3-D
        ]
        for (query, key, value, heads) in cases {
            let error = #expect(throws: TensorError.self) {
                try multiHeadAttention(query: query, key: key, value: value, heads: heads)
            }
            #expect(error?.description.contains("multiHeadAttention") == true)
            #expect(error?.description.contains("\(key.shape)") == true)
        }
    }

    @Test("geglu matches split, gelu and a product", arguments: [[2, 7, 2 * 1280], [3, 2 * 13], [1, 2]])
    func gegluMatchesComposition(shape: [Int]) throws {
        let x = try UNetBlueprint.randomTensor(shape, seed: 26) * 4
        let halves = try x.split(chunks: 2, dimension: -1)
        #expect(relativeError(try geglu(x), try halves[0] * gelu(halves[1])) <= Self.tolerance)
    }

    @Test("geglu refuses an odd last dimension")
    func gegluRefusesOddWidth() {
        #expect(throws: TensorError.self) { try geglu(Tensor.zeros([2, 5])) }
    }
}
