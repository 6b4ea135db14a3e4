import Foundation
import Testing

@testable import WeftTensor

@Suite("scaledDotProductAttention")
struct AttentionTests {
    /// softmax(q · kᵀ · scale) · v for `[B, H, L, D]` tensors, with plain loops in Double.
    static func naive(_ q: Tensor, _ k: Tensor, _ v: Tensor, scale: Double? = nil) -> [Float] {
        let (heads, queries, depth) = (q.shape[0] * q.shape[1], q.shape[2], q.shape[3])
        let (keys, valueDepth) = (k.shape[2], v.shape[3])
        let factor = scale ?? 1 / Double(depth).squareRoot()
        var result = [Float](repeating: 0, count: heads * queries * valueDepth)
        for head in 0..<heads {
            for query in 0..<queries {
                var scores = [Double](repeating: 0, count: keys)
                for key in 0..<keys {
                    var dot = 0.0
                    for d in 0..<depth {
                        dot += Double(q.scalars[(head * queries + query) * depth + d]) * Double(k.scalars[(head * keys + key) * depth + d])
                    }
                    scores[key] = dot * factor
                }
                let maximum = scores.max() ?? 0
                let weights = scores.map { exp($0 - maximum) }
                let total = weights.reduce(0, +)
                for column in 0..<valueDepth {
                    var sum = 0.0
                    for key in 0..<keys {
                        sum += weights[key] / total * Double(v.scalars[(head * keys + key) * valueDepth + column])
                    }
                    result[(head * queries + query) * valueDepth + column] = Float(sum)
                }
            }
        }
        return result
    }

    @Test("one head, two queries, two keys, D = 1, by hand")
    func handWorked() throws {
        // q = [0, ln 3], k = [0, 1], scale 1 (1/√1): query 0 scores [0, 0] → weights [1/2, 1/2];
        // query 1 scores [0, ln 3] → weights [1/4, 3/4]. v = [[2, 10], [6, 20]].
        let q = try Tensor(shape: [1, 1, 2, 1], values: [0, Float(log(3.0))])
        let k = try Tensor(shape: [1, 1, 2, 1], values: [0, 1])
        let v = try Tensor(shape: [1, 1, 2, 2], values: [2, 10, 6, 20])
        let out = try scaledDotProductAttention(query: q, key: k, value: v)
        #expect(out.shape == [1, 1, 2, 2])
        let expected: [Float] = [4, 15, 5, 17.5]
        #expect(Reference.relativeError(out.scalars, expected) < 1e-6)
    }

    @Test(
        "random shapes match a Double reference",
        arguments: [
            [2, 3, 5, 8, 5, 8],  // B, H, Lq, D, Lk, Dv
            [1, 2, 7, 4, 11, 4],  // Lq ≠ Lk
            [2, 1, 6, 16, 3, 5],  // Dv ≠ D
            [1, 1, 1, 3, 1, 1],
            [1, 4, 33, 40, 65, 24],
        ])
    func random(dimensions: [Int]) throws {
        let (b, h, lq, d, lk, dv) = (dimensions[0], dimensions[1], dimensions[2], dimensions[3], dimensions[4], dimensions[5])
        let q = Reference.tensor([b, h, lq, d], seed: 21)
        let k = Reference.tensor([b, h, lk, d], seed: 22)
        let v = Reference.tensor([b, h, lk, dv], seed: 23)
        let out = try scaledDotProductAttention(query: q, key: k, value: v)
        #expect(out.shape == [b, h, lq, dv])
        #expect(Reference.relativeError(out.scalars, Self.naive(q, k, v)) <= 1e-4)
    }

    @Test("several query chunks give the same result as one", arguments: [1, 2, 3, 7, 100])
    func chunks(chunkRows: Int) throws {
        let q = Reference.tensor([2, 2, 7, 6], seed: 31)
        let k = Reference.tensor([2, 2, 9, 6], seed: 32)
        let v = Reference.tensor([2, 2, 9, 3], seed: 33)
        let chunked = try scaledDotProductAttention(query: q, key: k, value: v, scale: nil, chunkRows: chunkRows)
        #expect(chunked.shape == [2, 2, 7, 3])
        #expect(Reference.relativeError(chunked.scalars, Self.naive(q, k, v)) <= 1e-4)
        let whole = try scaledDotProductAttention(query: q, key: k, value: v)
        #expect(Reference.relativeError(chunked.scalars, whole.scalars) <= 1e-6)
    }

    @Test("many heads and chunks split across the cores match a Double reference")
    func parallelChunks() throws {
        let q = Reference.tensor([2, 3, 150, 8], seed: 51)
        let k = Reference.tensor([2, 3, 160, 8], seed: 52)
        let v = Reference.tensor([2, 3, 160, 6], seed: 53)
        let expected = Self.naive(q, k, v)
        for chunkRows in [7, 64, 150] {
            let out = try scaledDotProductAttention(query: q, key: k, value: v, scale: nil, chunkRows: chunkRows)
            #expect(Reference.relativeError(out.scalars, expected) <= 1e-4, "\(chunkRows) rows per chunk")
        }
    }

    @Test("GEMMs large enough for OpenBLAS's threads run one per core, and the BLAS thread count comes back")
    func oneThreadPerCore() throws {
        let q = Reference.tensor([1, 3, 96, 64], seed: 54)
        let k = Reference.tensor([1, 3, 128, 64], seed: 55)
        let v = Reference.tensor([1, 3, 128, 32], seed: 56)
        let threads = BLASThreads.count
        let out = try scaledDotProductAttention(query: q, key: k, value: v)
        #expect(Reference.relativeError(out.scalars, Self.naive(q, k, v)) <= 1e-4)
        #expect(BLASThreads.count == threads)
    }

    @Test("a custom scale replaces 1/√D")
    func customScale() throws {
        let q = Reference.tensor([1, 2, 5, 4], seed: 41)
        let k = Reference.tensor([1, 2, 6, 4], seed: 42)
        let v = Reference.tensor([1, 2, 6, 3], seed: 43)
        for scale: Float in [0, 0.125, 3, -0.5] {
            let out = try scaledDotProductAttention(query: q, key: k, value: v, scale: scale)
            #expect(Reference.relativeError(out.scalars, Self.naive(q, k, v, scale: Double(scale))) <= 1e-4)
        }
        // Scale 0 weighs every key equally: each output row is the mean of the value rows.
        let uniform = try scaledDotProductAttention(query: q, key: k, value: v, scale: 0)
        let mean = (0..<3).map { column in (0..<6).map { v[0, 0, $0, column] }.reduce(0, +) / 6 }
        #expect(Reference.relativeError(Array(uniform.scalars[0..<3]), mean) < 1e-6)
    }

    @Test("no keys give zeros; no queries give an empty result")
    func emptyDimensions() throws {
        let noKeys = try scaledDotProductAttention(
            query: Reference.tensor([1, 1, 2, 3], seed: 1), key: .zeros([1, 1, 0, 3]), value: .zeros([1, 1, 0, 4]))
        #expect(noKeys == .zeros([1, 1, 2, 4]))
        let noQueries = try scaledDotProductAttention(
            query: .zeros([1, 1, 0, 3]), key: Reference.tensor([1, 1, 2, 3], seed: 2), value: Reference.tensor([1, 1, 2, 4], seed: 3))
        #expect(noQueries.shape == [1, 1, 0, 4])
    }

    @Test("chunk rows keep the score block within the limit")
    func chunkRows() {
        #expect(attentionChunkRows(queries: 4096, keys: 4096) == 64)
        #expect(attentionChunkRows(queries: 10, keys: 4096) == 10)
        #expect(attentionChunkRows(queries: 5, keys: 1 << 30) == 1)
        #expect(attentionChunkRows(queries: 0, keys: 8) == 0)
    }

    @Test(
        "mismatched shapes are refused with the operation and shapes",
        arguments: [
            ([1, 2, 3], [1, 1, 2, 3], [1, 1, 2, 4], "query, key and value must be 4-D [B, H, L, D]"),
            ([1, 1, 2, 3], [2, 1, 2, 3], [2, 1, 2, 4], "batch and head dimensions differ"),
            ([1, 2, 2, 3], [1, 2, 2, 3], [1, 1, 2, 4], "batch and head dimensions differ"),
            ([1, 1, 2, 3], [1, 1, 2, 5], [1, 1, 2, 4], "query and key depths differ (3 vs 5)"),
            ([1, 1, 2, 3], [1, 1, 2, 3], [1, 1, 6, 4], "key and value lengths differ (2 vs 6)"),
        ])
    func shapeErrors(qShape: [Int], kShape: [Int], vShape: [Int], reason: String) {
        let q = Tensor.zeros(qShape)
        let k = Tensor.zeros(kShape)
        let v = Tensor.zeros(vShape)
        #expect(throws: TensorError.invalidShapes(operation: "scaledDotProductAttention", shapes: [qShape, kShape, vShape], reason: reason)) {
            try scaledDotProductAttention(query: q, key: k, value: v)
        }
    }

    @Test("the error message names the operation and the shapes")
    func errorMessage() {
        do {
            _ = try scaledDotProductAttention(query: .zeros([1, 1, 2, 3]), key: .zeros([1, 1, 2, 5]), value: .zeros([1, 1, 2, 4]))
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "scaledDotProductAttention: shapes [1, 1, 2, 3], [1, 1, 2, 5], [1, 1, 2, 4]: query and key depths differ (3 vs 5)")
        }
    }
}
