import Testing
import WeftTensor

@Suite("Tensor")
struct TensorTests {
    @Test("construction, count, strides and element access")
    func construction() throws {
        var tensor = try Tensor(shape: [2, 3, 4], values: (0..<24).map(Float.init))
        #expect(tensor.count == 24)
        #expect(tensor.rank == 3)
        #expect(tensor.strides == [12, 4, 1])
        #expect(tensor[1, 2, 3] == 23)
        #expect(tensor[0, 1, 2] == 6)
        tensor[1, 0, 0] = -1
        #expect(tensor.scalars[12] == -1)
        #expect(Tensor(shape: [2, 2], repeating: 7).scalars == [7, 7, 7, 7])
        #expect(Tensor.zeros([3]).scalars == [0, 0, 0])
        #expect(Tensor.zeros([2, 0]).count == 0)
        let scalar = Tensor(shape: [], repeating: 5)
        #expect(scalar.count == 1 && scalar.strides == [] && scalar[] == 5)
    }

    @Test("init(shape:values:) names the shape and the count on a mismatch")
    func countMismatch() {
        #expect(throws: TensorError.countMismatch(operation: "Tensor(shape:values:)", shape: [2, 3], count: 5)) {
            try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5])
        }
        let error = TensorError.countMismatch(operation: "Tensor(shape:values:)", shape: [2, 3], count: 5)
        #expect(error.description == "Tensor(shape:values:): shape [2, 3] holds 6 elements but 5 values were given")
        #expect(throws: TensorError.self) { try Tensor(shape: [-1, 2], values: []) }
    }

    @Test("reshaped shares storage until one side is written, and infers one -1 dimension")
    func reshapeSharesStorage() throws {
        let original = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        var reshaped = try original.reshaped([3, 2])
        #expect(reshaped.shape == [3, 2])
        #expect(reshaped[2, 1] == 6)
        let originalBase = original.withUnsafeBufferPointer { $0.baseAddress }
        #expect(reshaped.withUnsafeBufferPointer { $0.baseAddress } == originalBase)
        reshaped[0, 0] = 100
        #expect(original[0, 0] == 1)
        #expect(reshaped.withUnsafeBufferPointer { $0.baseAddress } != originalBase)
        #expect(try original.reshaped([-1]).shape == [6])
        #expect(try original.reshaped([1, -1, 2]).shape == [1, 3, 2])
    }

    @Test("reshaped rejects a different element count with the shapes in the message")
    func reshapeValidation() throws {
        let tensor = Tensor.zeros([2, 3])
        let error = #expect(throws: TensorError.self) { try tensor.reshaped([4, 2]) }
        #expect(error?.description == "reshaped: shapes [2, 3], [4, 2]: 6 elements cannot be viewed as 8")
        let inferred = #expect(throws: TensorError.self) { try tensor.reshaped([4, -1]) }
        #expect(inferred?.description == "reshaped: shapes [2, 3], [4, -1]: 6 elements do not divide into the known dimensions")
        let twoUnknown = #expect(throws: TensorError.self) { try tensor.reshaped([-1, -1]) }
        #expect(
            twoUnknown?.description == "reshaped: shapes [2, 3], [-1, -1]: dimensions must be ≥ 0, with at most one -1 to infer")
    }
}
