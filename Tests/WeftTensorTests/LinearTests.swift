import Testing
import WeftTensor

@Suite("linear")
struct LinearTests {
    @Test("hand-worked [2, 3] input, [2, 3] weight, with and without bias")
    func handWorked() throws {
        let x = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let weight = try Tensor(shape: [2, 3], values: [1, 0, -1, 0.5, 0.5, 0.5])
        let bias = try Tensor(shape: [2], values: [10, -10])
        // Row 0: [1 - 3, 0.5 + 1 + 1.5] = [-2, 3]; row 1: [4 - 6, 2 + 2.5 + 3] = [-2, 7.5].
        #expect(try linear(x, weight: weight, bias: nil).scalars == [-2, 3, -2, 7.5])
        let biased = try linear(x, weight: weight, bias: bias)
        #expect(biased.shape == [2, 2])
        #expect(biased.scalars == [8, -7, 8, -2.5])
    }

    @Test("leading dimensions are kept: [2, 3, 6] · [4, 6]ᵀ + bias → [2, 3, 4]", arguments: [false, true])
    func leadingDimensions(withBias: Bool) throws {
        let (inFeatures, outFeatures) = (6, 4)
        let x = Reference.tensor([2, 3, inFeatures], seed: 51)
        let weight = Reference.tensor([outFeatures, inFeatures], seed: 52)
        let bias = withBias ? Reference.tensor([outFeatures], seed: 53) : nil
        let output = try linear(x, weight: weight, bias: bias)
        #expect(output.shape == [2, 3, outFeatures])
        var expected = Reference.product(x.scalars, weight.scalars, m: 6, n: outFeatures, k: inFeatures, transposeB: true)
        if let bias {
            for index in expected.indices { expected[index] += bias.scalars[index % outFeatures] }
        }
        #expect(Reference.relativeError(output.scalars, expected) < 1e-6)
    }

    @Test("a 1-D input and zero input features")
    func edgeShapes() throws {
        let weight = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let vector = try linear(try Tensor(shape: [3], values: [1, 1, 1]), weight: weight, bias: nil)
        #expect(vector.shape == [2])
        #expect(vector.scalars == [6, 15])
        let bias = try Tensor(shape: [2], values: [1, 2])
        let empty = try linear(Tensor.zeros([4, 0]), weight: Tensor.zeros([2, 0]), bias: bias)
        #expect(empty.shape == [4, 2])
        #expect(empty.scalars == [1, 2, 1, 2, 1, 2, 1, 2])
    }

    @Test("shape errors name every shape")
    func shapeErrors() {
        let cases: [(Tensor, Tensor, Tensor?, String)] = [
            (.zeros([2, 3]), .zeros([4, 2]), nil, "linear: shapes [2, 3], [4, 2]: input features 3 differ from weight's 2"),
            (.zeros([2, 3]), .zeros([4, 3]), .zeros([3]), "linear: shapes [2, 3], [4, 3], [3]: bias must be [4]"),
            (.zeros([2, 3]), .zeros([3]), nil, "linear: shapes [2, 3], [3]: weight must be 2-D [out, in]"),
            (.zeros([]), .zeros([4, 1]), nil, "linear: shapes [], [4, 1]: input must have at least one dimension"),
        ]
        for (x, weight, bias, message) in cases {
            let error = #expect(throws: TensorError.self) { try linear(x, weight: weight, bias: bias) }
            #expect(error?.description == message)
        }
    }
}
