import Foundation
import Testing
import WeftTensor

/// The error a test job throws.
private struct JobFailed: Error, Equatable {
    let code: Int
}

@Suite("TensorCompute")
struct TensorComputeTests {
    @Test("run returns the closure's result from a pool thread")
    func returnsResult() async throws {
        let a = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [3, 2], values: [7, 8, 9, 10, 11, 12])
        let product = try await TensorCompute.run { () throws(TensorError) in try matmul(a, b) }
        #expect(product.scalars == [58, 64, 139, 154])
        let sum = await TensorCompute.run { (1...100).reduce(0, +) }
        #expect(sum == 5050)
        let threadName = await TensorCompute.run { Thread.current.name }
        #expect(threadName == "weft-tensor-0")
    }

    @Test("run propagates errors with their type")
    func propagatesErrors() async {
        await #expect(throws: JobFailed(code: 7)) {
            try await TensorCompute.run { () throws(JobFailed) -> Int in throw JobFailed(code: 7) }
        }
        let error = await #expect(throws: TensorError.self) {
            try await TensorCompute.run { () throws(TensorError) in try matmul(Tensor.zeros([2, 3]), Tensor.zeros([2, 3])) }
        }
        #expect(error?.description == "matmul: shapes [2, 3], [2, 3]: inner dimensions differ (3 vs 2)")
    }

    @Test("a pool of several threads finishes every concurrently submitted job")
    func concurrentJobs() async {
        let pool = TensorCompute(threads: 2)
        let results = await withTaskGroup(of: Int.self) { group in
            for value in 0..<20 {
                group.addTask { await pool.run { value * value } }
            }
            return await group.reduce(0, +)
        }
        #expect(results == (0..<20).map { $0 * $0 }.reduce(0, +))
    }
}
