import Testing
import WeftTensor

/// Broadcasting, views, concat, chunk and pad against outputs PyTorch computed from the same inputs
/// (Fixtures/shape_ops.safetensors, made by make_shape_fixtures.py). Every case moves or combines float32 values with
/// one IEEE operation each, so the results must match bit for bit.
@Suite("shape operations against PyTorch")
struct ShapeFixtureTests {
    @Test("element-wise operations with broadcasting, and clamp")
    func elementwise() throws {
        let file = try shapeOpsFixture()
        #expect(file.metadata["torch"]?.hasPrefix("2.") == true)
        #expect(try add(file.tensor("add.a"), file.tensor("add.b")) == file.tensor("add.out"))
        #expect(try subtract(file.tensor("subtract.a"), file.tensor("subtract.b")) == file.tensor("subtract.out"))
        #expect(try multiply(file.tensor("multiply.a"), file.tensor("multiply.b")) == file.tensor("multiply.out"))
        #expect(try divide(file.tensor("divide.a"), file.tensor("divide.b")) == file.tensor("divide.out"))
        #expect(try maximum(file.tensor("minmax.a"), file.tensor("minmax.b")) == file.tensor("minmax.maximum"))
        #expect(try minimum(file.tensor("minmax.a"), file.tensor("minmax.b")) == file.tensor("minmax.minimum"))
        #expect(try clamp(file.tensor("clamp.x"), min: -0.5, max: 0.25) == file.tensor("clamp.out"))
        var inPlace = try file.tensor("multiply.a")
        try inPlace *= file.tensor("multiply.b")
        #expect(try inPlace == file.tensor("multiply.out"))
    }

    @Test("permute, transpose, a chain of views, expand, narrow and select")
    func views() throws {
        let file = try shapeOpsFixture()
        #expect(try file.tensor("permute.x").permuted([2, 0, 3, 1]) == file.tensor("permute.out"))
        #expect(try file.tensor("transpose.x").transposed(0, 2) == file.tensor("transpose.out"))
        // x.permute(0, 2, 3, 1)[:, 1:3].transpose(1, 3)
        let chain = try file.tensor("chain.x").view.permuted([0, 2, 3, 1]).narrowed(dimension: 1, start: 1, length: 2).transposed(1, 3)
        #expect(try chain.contiguous() == file.tensor("chain.out"))
        #expect(try file.tensor("expand.x").expanded(to: [2, 3, 4]) == file.tensor("expand.out"))
        #expect(try file.tensor("narrow.x").narrowed(dimension: 1, start: 1, length: 3) == file.tensor("narrow.out"))
        #expect(try file.tensor("select.x").selected(dimension: 1, index: 2) == file.tensor("select.out"))
    }

    @Test("concat with an empty piece, and chunk")
    func concatAndChunk() throws {
        let file = try shapeOpsFixture()
        let pieces = try ["a", "b", "c"].map { try file.tensor("concat." + $0) }
        #expect(try concat(pieces, dimension: 1) == file.tensor("concat.out"))
        let chunks = try file.tensor("chunk.x").split(chunks: 3, dimension: 1)
        #expect(try chunks == (0..<3).map { try file.tensor("chunk.out\($0)") })
    }

    @Test("pad in reflect, replicate, circular and constant mode, over two and three dimensions")
    func padding() throws {
        let file = try shapeOpsFixture()
        let x = try file.tensor("pad.x")
        // F.pad's pairs run from the last dimension backwards: (2, 1, 3, 0) pads W by (2, 1) and H by (3, 0).
        #expect(try x.padded([(3, 0), (2, 1)], mode: .reflect) == file.tensor("pad.reflect"))
        #expect(try x.padded([(2, 2), (1, 3)], mode: .replicate) == file.tensor("pad.replicate"))
        #expect(try x.padded([(1, 1), (2, 2)], mode: .circular) == file.tensor("pad.circular"))
        let constant = try file.tensor("pad_constant.x").padded([(2, 0), (0, 1), (1, 2)], mode: .constant(0.5))
        #expect(try constant == file.tensor("pad_constant.out"))
        let volume = try file.tensor("pad_reflect3d.x").padded([(0, 2), (2, 0), (1, 1)], mode: .reflect)
        #expect(try volume == file.tensor("pad_reflect3d.out"))
    }
}
