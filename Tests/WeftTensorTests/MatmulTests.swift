import Testing
import WeftTensor

@Suite("matmul")
struct MatmulTests {
    @Test("2×3 · 3×2 by hand")
    func handWorked() throws {
        let a = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [3, 2], values: [7, 8, 9, 10, 11, 12])
        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        let product = try matmul(a, b)
        #expect(product.shape == [2, 2])
        #expect(product.scalars == [58, 64, 139, 154])
        // b·a is 3×3: row 0 = [7·1+8·4, 7·2+8·5, 7·3+8·6].
        let reversed = try matmul(b, a)
        #expect(reversed.shape == [3, 3])
        #expect(reversed.scalars == [39, 54, 69, 49, 68, 87, 59, 82, 105])
    }

    @Test("transposed operands are read in place", arguments: [(false, true), (true, false), (true, true)])
    func transposes(transposeA: Bool, transposeB: Bool) throws {
        let (m, k, n) = (5, 7, 3)
        let a = Reference.tensor(transposeA ? [k, m] : [m, k], seed: 11)
        let b = Reference.tensor(transposeB ? [n, k] : [k, n], seed: 12)
        let product = try matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let expected = Reference.product(a.scalars, b.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        #expect(product.shape == [m, n])
        #expect(Reference.relativeError(product.scalars, expected) < 1e-6)
    }

    @Test("hand-worked transpose: aᵀ of a 3×2 times itself")
    func handWorkedTranspose() throws {
        let a = try Tensor(shape: [3, 2], values: [1, 2, 3, 4, 5, 6])
        // aᵀ·a = [1+9+25, 2+12+30; 2+12+30, 4+16+36]
        #expect(try matmul(a, a, transposeA: true).scalars == [35, 44, 44, 56])
        // a·aᵀ row 0 = [1·1+2·2, 1·3+2·4, 1·5+2·6]
        #expect(try matmul(a, a, transposeB: true).scalars == [5, 11, 17, 11, 25, 39, 17, 39, 61])
    }

    @Test("batched [B,M,K]×[B,K,N], with and without transposes", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func batched(transposeA: Bool, transposeB: Bool) throws {
        let (batch, m, k, n) = (3, 4, 5, 2)
        let a = Reference.tensor(transposeA ? [batch, k, m] : [batch, m, k], seed: 21)
        let b = Reference.tensor(transposeB ? [batch, n, k] : [batch, k, n], seed: 22)
        let product = try matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        #expect(product.shape == [batch, m, n])
        var expected: [Float] = []
        for entry in 0..<batch {
            expected += Reference.product(
                a.scalars, b.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                aOffset: entry * m * k, bOffset: entry * k * n)
        }
        #expect(Reference.relativeError(product.scalars, expected) < 1e-6)
    }

    @Test("a 2-D operand is broadcast across the other's batch", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func broadcast(transposeA: Bool, transposeB: Bool) throws {
        let (batch, m, k, n) = (3, 4, 5, 2)
        let a3 = Reference.tensor(transposeA ? [batch, k, m] : [batch, m, k], seed: 31)
        let b2 = Reference.tensor(transposeB ? [n, k] : [k, n], seed: 32)
        let rightBroadcast = try matmul(a3, b2, transposeA: transposeA, transposeB: transposeB)
        let a2 = Reference.tensor(transposeA ? [k, m] : [m, k], seed: 33)
        let b3 = Reference.tensor(transposeB ? [batch, n, k] : [batch, k, n], seed: 34)
        let leftBroadcast = try matmul(a2, b3, transposeA: transposeA, transposeB: transposeB)
        #expect(rightBroadcast.shape == [batch, m, n])
        #expect(leftBroadcast.shape == [batch, m, n])
        var expectedRight: [Float] = []
        var expectedLeft: [Float] = []
        for entry in 0..<batch {
            expectedRight += Reference.product(
                a3.scalars, b2.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, aOffset: entry * m * k)
            expectedLeft += Reference.product(
                a2.scalars, b3.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, bOffset: entry * k * n)
        }
        #expect(Reference.relativeError(rightBroadcast.scalars, expectedRight) < 1e-6)
        #expect(Reference.relativeError(leftBroadcast.scalars, expectedLeft) < 1e-6)
    }

    @Test("zero-sized dimensions give empty or all-zero results")
    func zeroSized() throws {
        #expect(try matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])) == Tensor.zeros([2, 3]))
        #expect(try matmul(Tensor.zeros([0, 4]), Tensor.zeros([4, 3])).shape == [0, 3])
        #expect(try matmul(Tensor.zeros([0, 2, 4]), Tensor.zeros([4, 3])).shape == [0, 2, 3])
    }

    @Test("shape errors name the operation, both shapes and the reason")
    func shapeErrors() {
        let cases: [(Tensor, Tensor, Bool, Bool, String)] = [
            (.zeros([2, 3]), .zeros([4, 2]), false, false, "matmul: shapes [2, 3], [4, 2]: inner dimensions differ (3 vs 4)"),
            (
                .zeros([2, 3]), .zeros([3, 2]), false, true,
                "matmul(transposeA: false, transposeB: true): shapes [2, 3], [3, 2]: inner dimensions differ (3 vs 2)"
            ),
            (.zeros([2, 2, 3]), .zeros([3, 3, 4]), false, false, "matmul: shapes [2, 2, 3], [3, 3, 4]: batch dimensions differ (2 vs 3)"),
            (.zeros([3]), .zeros([3, 2]), false, false, "matmul: shapes [3], [3, 2]: operands must be 2-D or 3-D"),
            (.zeros([1, 1, 2, 3]), .zeros([3, 2]), false, false, "matmul: shapes [1, 1, 2, 3], [3, 2]: operands must be 2-D or 3-D"),
        ]
        for (a, b, transposeA, transposeB, message) in cases {
            let error = #expect(throws: TensorError.self) { try matmul(a, b, transposeA: transposeA, transposeB: transposeB) }
            #expect(error?.description == message)
        }
    }

    @Test("256×512 · 512×384 matches the naive loop within 1e-4 relative error")
    func largeProduct() throws {
        let (m, k, n) = (256, 512, 384)
        let a = Reference.tensor([m, k], seed: 41)
        let b = Reference.tensor([k, n], seed: 42)
        let product = try matmul(a, b)
        let expected = Reference.product(a.scalars, b.scalars, m: m, n: n, k: k)
        #expect(product.shape == [m, n])
        #expect(Reference.relativeError(product.scalars, expected) < 1e-4)
    }
}
