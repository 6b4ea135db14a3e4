import Testing
import WeftTensor

@Suite("permute, narrow, select, expand, concat, split and pad")
struct ShapeOpsTests {
    @Test("permuted and transposed, worked by hand")
    func permuteByHand() throws {
        let matrix = countingTensor([2, 3])
        #expect(try matrix.transposed(0, 1) == Tensor(shape: [3, 2], values: [0, 3, 1, 4, 2, 5]))
        #expect(try matrix.permuted([-1, 0]) == matrix.transposed(1, 0))
        #expect(try matrix.transposed(1, 1) == matrix)
        let cube = countingTensor([2, 3, 4])
        let moved = try cube.permuted([2, 0, 1])
        #expect(moved.shape == [4, 2, 3])
        for index in allIndices(moved.shape) {
            #expect(element(moved, index) == element(cube, [index[1], index[2], index[0]]))
        }
        #expect(try Tensor(shape: [], repeating: 7).permuted([]).scalars == [7])
    }

    @Test("narrowed, selected and expanded, worked by hand")
    func sliceByHand() throws {
        let x = countingTensor([3, 4])
        #expect(try x.narrowed(dimension: 1, start: 1, length: 2) == Tensor(shape: [3, 2], values: [1, 2, 5, 6, 9, 10]))
        #expect(try x.narrowed(dimension: -2, start: 2, length: 1) == Tensor(shape: [1, 4], values: [8, 9, 10, 11]))
        #expect(try x.narrowed(dimension: 0, start: 1, length: 0).shape == [0, 4])
        #expect(try x.selected(dimension: 1, index: 3) == Tensor(shape: [3], values: [3, 7, 11]))
        #expect(try x.selected(dimension: 0, index: 1) == Tensor(shape: [4], values: [4, 5, 6, 7]))
        let column = try Tensor(shape: [2, 1], values: [1, 2])
        #expect(try column.expanded(to: [2, 2, 3]) == Tensor(shape: [2, 2, 3], values: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]))
        #expect(try Tensor(shape: [], repeating: 4).expanded(to: [2]).scalars == [4, 4])
        #expect(try column.expanded(to: [2, 0]).shape == [2, 0])
    }

    @Test("concat along the first, a middle and the last dimension, with empty pieces")
    func concatByHand() throws {
        let a = countingTensor([2, 2])
        let b = try Tensor(shape: [2, 1], values: [10, 20])
        #expect(try concat([a, b], dimension: 1) == Tensor(shape: [2, 3], values: [0, 1, 10, 2, 3, 20]))
        #expect(try concat([b, a], dimension: -1) == Tensor(shape: [2, 3], values: [10, 0, 1, 20, 2, 3]))
        #expect(try concat([a, a], dimension: 0) == Tensor(shape: [4, 2], values: [0, 1, 2, 3, 0, 1, 2, 3]))
        #expect(try concat([a, Tensor.zeros([2, 0]), b], dimension: 1) == concat([a, b], dimension: 1))
        #expect(try concat([a], dimension: 0) == a)
        #expect(try concat([Tensor.zeros([0, 3]), Tensor.zeros([0, 3])], dimension: 0).shape == [0, 3])
        #expect(try concat([Tensor.zeros([0, 3]), Tensor.zeros([0, 2])], dimension: 1).shape == [0, 5])
        let x = countingTensor([2, 3, 2])
        let middle = try concat([x, x * 10], dimension: 1)
        #expect(middle.shape == [2, 6, 2])
        #expect(middle.scalars == [0, 1, 2, 3, 4, 5, 0, 10, 20, 30, 40, 50, 6, 7, 8, 9, 10, 11, 60, 70, 80, 90, 100, 110])
    }

    @Test("split into sizes or equal chunks, and back with concat")
    func splitByHand() throws {
        let x = countingTensor([2, 5])
        let pieces = try x.split(sizes: [2, 0, 3], dimension: 1)
        #expect(pieces.map(\.shape) == [[2, 2], [2, 0], [2, 3]])
        #expect(pieces[0].scalars == [0, 1, 5, 6])
        #expect(pieces[2].scalars == [2, 3, 4, 7, 8, 9])
        #expect(try concat(pieces, dimension: 1) == x)
        let rows = try x.split(chunks: 2, dimension: 0)
        #expect(rows.map(\.scalars) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]])
        #expect(try x.split(chunks: 5, dimension: -1).map(\.shape) == [[2, 1], [2, 1], [2, 1], [2, 1], [2, 1]])
        #expect(try Tensor.zeros([0, 4]).split(chunks: 2, dimension: 1).map(\.shape) == [[0, 2], [0, 2]])
    }

    @Test("padding one dimension in each mode, worked by hand")
    func padModesByHand() throws {
        let x = try Tensor(shape: [3], values: [1, 2, 3])
        #expect(try x.padded([(2, 1)], mode: .constant(9)).scalars == [9, 9, 1, 2, 3, 9])
        #expect(try x.padded([(1, 1)]).scalars == [0, 1, 2, 3, 0])
        #expect(try x.padded([(2, 2)], mode: .replicate).scalars == [1, 1, 1, 2, 3, 3, 3])
        #expect(try x.padded([(2, 2)], mode: .reflect).scalars == [3, 2, 1, 2, 3, 2, 1])
        #expect(try x.padded([(2, 2)], mode: .circular).scalars == [2, 3, 1, 2, 3, 1, 2])
        #expect(try x.padded([(3, 3)], mode: .circular).scalars == [1, 2, 3, 1, 2, 3, 1, 2, 3])
        #expect(try x.padded([(0, 0)], mode: .reflect) == x)
    }

    @Test("padding the last two dimensions leaves the leading ones alone")
    func padTwoDimensions() throws {
        let x = countingTensor([2, 2, 2])
        let reflected = try x.padded([(1, 0), (0, 1)], mode: .reflect)
        #expect(reflected.shape == [2, 3, 3])
        // Each [2, 2] plane [[a, b], [c, d]] becomes [[c, d, c], [a, b, a], [c, d, c]].
        #expect(reflected.scalars == [2, 3, 2, 0, 1, 0, 2, 3, 2, 6, 7, 6, 4, 5, 4, 6, 7, 6])
        let bordered = try x.padded([(0, 0), (1, 0), (0, 0)], mode: .constant(-1))
        #expect(bordered.scalars == [-1, -1, 0, 1, 2, 3, -1, -1, 4, 5, 6, 7])
        #expect(try Tensor(shape: [], repeating: 3).padded([]).scalars == [3])
    }

    @Test("padding empty tensors: constant fills, unpadded empty dimensions stay empty")
    func padEmpty() throws {
        let empty = Tensor.zeros([0, 2])
        #expect(try empty.padded([(1, 1), (0, 1)], mode: .constant(5)) == Tensor(shape: [2, 3], repeating: 5))
        #expect(try empty.padded([(1, 1)], mode: .reflect).shape == [0, 4])
        #expect(try empty.padded([(0, 0), (1, 1)], mode: .replicate).shape == [0, 4])
    }

    @Test(
        "large permutes and concats, split across cores, match index arithmetic",
        arguments: [[1, 30, 40, 64], [1, 20, 67, 71], [1, 3, 160, 160]])
    func largePermuteAndConcat(shape: [Int]) throws {
        // Planes of 40·64 and 160·160 elements are copied in blocks of 64 (NCHW → NHWC); 67·71 has no divisor up to 64.
        let x = Reference.tensor(shape, seed: 11)
        let moved = try x.permuted([0, 2, 3, 1])
        #expect(moved.scalars == allIndices(moved.shape).map { element(x, [$0[0], $0[3], $0[1], $0[2]]) })
        #expect(try moved.permuted([0, 3, 1, 2]) == x)
        let joined = try concat([x, moved.transposed(1, 3).transposed(2, 3), x], dimension: 2)
        #expect(joined.shape == [shape[0], shape[1], 3 * shape[2], shape[3]])
        #expect(try joined.narrowed(dimension: 2, start: shape[2], length: shape[2]) == x)
        #expect(try joined.split(chunks: 3, dimension: 2) == [x, x, x])
    }

    @Test("large pads, split across cores, match index arithmetic", arguments: [PaddingMode.constant(0.5), .replicate, .reflect, .circular])
    func largePad(mode: PaddingMode) throws {
        let x = Reference.tensor([1, 20, 40, 64], seed: 12)
        let (rows, columns) = ((before: 5, after: 7), (before: 9, after: 2))
        let padded = try x.padded([rows, columns], mode: mode)
        #expect(padded.shape == [1, 20, 52, 75])
        func source(_ index: Int, _ size: Int) -> Int? {
            switch mode {
            case .constant: (0..<size).contains(index) ? index : nil
            case .replicate: min(max(index, 0), size - 1)
            case .reflect: index < 0 ? -index : (index >= size ? 2 * size - 2 - index : index)
            case .circular: (index + size) % size
            }
        }
        let expected = allIndices(padded.shape).map { index -> Float in
            guard let row = source(index[2] - rows.before, 40), let column = source(index[3] - columns.before, 64) else { return 0.5 }
            return element(x, [index[0], index[1], row, column])
        }
        #expect(padded.scalars == expected)
    }

    @Test("shape operations refuse bad dimensions, sizes and amounts")
    func errors() {
        let x = Tensor.zeros([2, 3])
        #expect(
            tensorErrorDescription { try x.permuted([1, 1]) } == "permuted: shape [2, 3]: order [1, 1] is not a permutation: it repeats a dimension")
        #expect(tensorErrorDescription { try x.transposed(0, 2) } == "transposed: shape [2, 3]: dimension 2 is out of range for 2 dimensions")
        #expect(
            tensorErrorDescription { try x.narrowed(dimension: 0, start: 1, length: 2) }
                == "narrowed: shape [2, 3]: range start 1, length 2 does not fit in dimension 0 of size 2")
        #expect(
            tensorErrorDescription { try x.selected(dimension: 2, index: 0) }
                == "selected: shape [2, 3]: dimension 2 is out of range for 2 dimensions")
        #expect(
            tensorErrorDescription { try x.expanded(to: [2, 6]) }
                == "expanded: shapes [2, 3], [2, 6]: dimension 1 has size 3, which is not 1 and differs from 6")

        #expect(tensorErrorDescription { try concat([], dimension: 0) } == "concat: there are no tensors to join")
        #expect(
            tensorErrorDescription { try concat([x, Tensor.zeros([2, 3, 1])], dimension: 0) }
                == "concat: shapes [2, 3], [2, 3, 1]: the tensors differ in rank")
        #expect(
            tensorErrorDescription { try concat([x, Tensor.zeros([3, 3])], dimension: 1) }
                == "concat: shapes [2, 3], [3, 3]: sizes differ in dimension 0, which is not the joined dimension 1")
        #expect(
            tensorErrorDescription { try concat([x, x], dimension: 2) }
                == "concat: shapes [2, 3], [2, 3]: dimension 2 is out of range for 2 dimensions")
        #expect(
            tensorErrorDescription { try concat([Tensor.zeros([]), Tensor.zeros([])], dimension: 0) }
                == "concat: shapes [], []: dimension 0 is out of range for 0 dimensions")

        #expect(
            tensorErrorDescription { try x.split(sizes: [1, 1], dimension: 1) }
                == "split: shape [2, 3]: sizes [1, 1] must be ≥ 0 and add up to 3, the size of dimension 1")
        #expect(tensorErrorDescription { try x.split(sizes: [4, -1], dimension: 1) } != nil)
        #expect(
            tensorErrorDescription { try x.split(chunks: 2, dimension: 1) }
                == "split: shape [2, 3]: 2 chunks must be ≥ 1 and divide 3, the size of dimension 1")
        #expect(tensorErrorDescription { try x.split(chunks: 0, dimension: 1) } != nil)
        #expect(tensorErrorDescription { try x.split(chunks: 1, dimension: -3) } != nil)

        #expect(tensorErrorDescription { try x.padded([(1, 1), (1, 1), (1, 1)]) } == "padded: shape [2, 3]: 3 padding pairs for 2 dimensions")
        #expect(
            tensorErrorDescription { try x.padded([(0, -1)]) }
                == "padded: shape [2, 3]: padding amounts [(before: 0, after: -1)] must not be negative")
        #expect(
            tensorErrorDescription { try x.padded([(2, 0), (0, 0)], mode: .reflect) }
                == "padded: shape [2, 3]: dimension 0: reflect padding 2, 0 must be smaller than the size 2")
        #expect(
            tensorErrorDescription { try x.padded([(0, 4)], mode: .circular) }
                == "padded: shape [2, 3]: dimension 1: circular padding 0, 4 must be at most the size 3")
        #expect(
            tensorErrorDescription { try Tensor.zeros([0]).padded([(1, 0)], mode: .replicate) }
                == "padded: shape [0]: dimension 0: replicate padding needs at least one element to copy")
    }
}
