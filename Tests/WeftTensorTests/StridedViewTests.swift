import Testing
import WeftTensor

/// The address of a tensor's storage, to tell shared storage from a copy.
private func storage(_ tensor: Tensor) -> UnsafePointer<Float>? {
    tensor.withUnsafeBufferPointer { $0.baseAddress }
}

@Suite("strided views")
struct StridedViewTests {
    @Test("views change offset, shape and strides only, sharing the base tensor's storage")
    func layouts() throws {
        let x = countingTensor([2, 3, 4])
        let whole = x.view
        #expect(whole.shape == [2, 3, 4] && whole.strides == [12, 4, 1] && whole.offset == 0 && whole.isContiguous)
        let permuted = try whole.permuted([2, 0, 1])
        #expect(permuted.shape == [4, 2, 3] && permuted.strides == [1, 12, 4] && permuted.offset == 0)
        #expect(storage(permuted.base) == storage(x))
        let transposed = try whole.transposed(-1, 0)
        #expect(transposed.shape == [4, 3, 2] && transposed.strides == [1, 4, 12])
        let narrowed = try whole.narrowed(dimension: 1, start: 1, length: 2)
        #expect(narrowed.shape == [2, 2, 4] && narrowed.strides == [12, 4, 1] && narrowed.offset == 4)
        let selected = try narrowed.selected(dimension: -1, index: 3)
        #expect(selected.shape == [2, 2] && selected.strides == [12, 4] && selected.offset == 7 && selected.count == 4)
        let expanded = try selected.expanded(to: [5, 2, 2])
        #expect(expanded.shape == [5, 2, 2] && expanded.strides == [0, 12, 4] && expanded.rank == 3)
        #expect(storage(expanded.base) == storage(x))
        let stretched = try Tensor.zeros([3, 1]).view.expanded(to: [3, 4])
        #expect(stretched.strides == [1, 0])
    }

    @Test("contiguous() returns the base without copying when the view is all of it in order")
    func contiguousWithoutCopy() throws {
        let x = countingTensor([2, 1, 3])
        let same = x.view.contiguous()
        #expect(same == x && storage(same) == storage(x))
        let swappedUnit = try x.view.transposed(0, 1)
        #expect(swappedUnit.isContiguous)
        let reshaped = swappedUnit.contiguous()
        #expect(reshaped.shape == [1, 2, 3] && storage(reshaped) == storage(x))
        let full = try x.narrowed(dimension: 2, start: 0, length: 3)
        #expect(full == x && storage(full) == storage(x))
        #expect(try x.permuted([0, 1, 2]) == x)
        #expect(try storage(x.permuted([0, 1, 2])) == storage(x))

        let part = try x.view.narrowed(dimension: 0, start: 1, length: 1)
        #expect(!part.isContiguous)
        let copied = part.contiguous()
        #expect(copied.scalars == [3, 4, 5] && storage(copied) != storage(x))
        #expect(try !x.view.transposed(0, 2).isContiguous)
        #expect(try !x.view.expanded(to: [2, 2, 3]).isContiguous)
    }

    @Test("a chain of views materialises to the elements index arithmetic picks")
    func chainedViews() throws {
        let x = countingTensor([2, 3, 4])
        // transposed(0, 2): [4, 3, 2], element (i, j, k) = x[k, j, i] = 12k + 4j + i.
        // narrowed(1, 1, 2): j ∈ {1, 2}; selected(0, 3): i = 3. Result [2, 2], element (j', k) = 12k + 4(j' + 1) + 3.
        let chained = try x.view.transposed(0, 2).narrowed(dimension: 1, start: 1, length: 2).selected(dimension: 0, index: 3)
        #expect(chained.contiguous() == (try Tensor(shape: [2, 2], values: [7, 19, 11, 23])))
        let scalar = try x.view.selected(dimension: 0, index: 1).selected(dimension: 0, index: 2).selected(dimension: 0, index: 3)
        #expect(scalar.shape == [] && scalar.contiguous().scalars == [23])
        let repeated = try x.view.selected(dimension: 2, index: 1).expanded(to: [2, 2, 3])
        #expect(repeated.contiguous().scalars == [1, 5, 9, 13, 17, 21, 1, 5, 9, 13, 17, 21])
    }

    @Test("a view keeps the elements it was made from when the original is mutated later")
    func copyOnWrite() throws {
        var x = countingTensor([2, 2])
        let transposed = try x.view.transposed(0, 1)
        x[0, 1] = 100
        #expect(transposed.contiguous().scalars == [0, 2, 1, 3])
        #expect(x.scalars == [0, 100, 2, 3])
    }

    @Test("empty views materialise to empty tensors")
    func emptyViews() throws {
        let x = countingTensor([3, 4])
        let none = try x.view.narrowed(dimension: 1, start: 4, length: 0)
        #expect(none.count == 0 && none.contiguous().shape == [3, 0])
        let expanded = try Tensor.zeros([1, 3]).view.expanded(to: [0, 3]).contiguous()
        #expect(expanded.shape == [0, 3] && expanded.count == 0)
        let empty = Tensor.zeros([0, 5])
        #expect(try empty.view.transposed(0, 1).contiguous().shape == [5, 0])
    }

    @Test("view operations refuse bad dimensions, ranges and shapes")
    func errors() {
        let view = Tensor.zeros([2, 3]).view
        #expect(
            tensorErrorDescription { try view.permuted([0]) } == "permuted: shape [2, 3]: order [0] must list all 2 dimensions")
        #expect(
            tensorErrorDescription { try view.permuted([1, -1]) }
                == "permuted: shape [2, 3]: order [1, -1] is not a permutation: it repeats a dimension")
        #expect(
            tensorErrorDescription { try view.permuted([0, 2]) } == "permuted: shape [2, 3]: dimension 2 is out of range for 2 dimensions")
        #expect(
            tensorErrorDescription { try view.transposed(0, -3) }
                == "transposed: shape [2, 3]: dimension -3 is out of range for 2 dimensions")
        #expect(
            tensorErrorDescription { try view.narrowed(dimension: 1, start: 2, length: 2) }
                == "narrowed: shape [2, 3]: range start 2, length 2 does not fit in dimension 1 of size 3")
        #expect(tensorErrorDescription { try view.narrowed(dimension: 0, start: -1, length: 1) } != nil)
        #expect(tensorErrorDescription { try view.narrowed(dimension: 0, start: 0, length: -1) } != nil)
        #expect(tensorErrorDescription { try view.narrowed(dimension: 0, start: 3, length: 0) } != nil)
        #expect(
            tensorErrorDescription { try view.selected(dimension: 0, index: 2) }
                == "selected: shape [2, 3]: index 2 is outside dimension 0 of size 2")
        #expect(tensorErrorDescription { try view.selected(dimension: 0, index: -1) } != nil)
        #expect(
            tensorErrorDescription { try Tensor.zeros([]).view.selected(dimension: 0, index: 0) }
                == "selected: shape []: dimension 0 is out of range for 0 dimensions")
        #expect(
            tensorErrorDescription { try view.expanded(to: [3]) }
                == "expanded: shapes [2, 3], [3]: the target has fewer dimensions than the view")
        #expect(
            tensorErrorDescription { try view.expanded(to: [4, 3]) }
                == "expanded: shapes [2, 3], [4, 3]: dimension 0 has size 2, which is not 1 and differs from 4")
        #expect(
            tensorErrorDescription { try view.expanded(to: [-1, 2, 3]) } == "expanded: shapes [2, 3], [-1, 2, 3]: sizes must not be negative")
    }
}
