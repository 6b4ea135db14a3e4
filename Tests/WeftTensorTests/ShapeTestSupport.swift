import Foundation
import WeftTensor

/// A tensor of `shape` holding 0, 1, 2, … in row-major order, so every element says where it came from.
func countingTensor(_ shape: [Int]) -> Tensor {
    try! Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map(Float.init))
}

/// The description of the `TensorError` that `body` throws, or nil when it returns or throws another error.
func tensorErrorDescription<Result>(_ body: () throws -> Result) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as TensorError {
        return error.description
    } catch {
        return nil
    }
}

/// The row-major indices of every element of `shape`, in order.
func allIndices(_ shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for size in shape {
        result = result.flatMap { prefix in (0..<size).map { prefix + [$0] } }
    }
    return result
}

/// The element of `tensor` at `indices`, read with plain index arithmetic (an independent reference for the kernels).
func element(_ tensor: Tensor, _ indices: [Int]) -> Float {
    tensor.scalars[zip(indices, tensor.strides).reduce(0) { $0 + $1.0 * $1.1 }]
}

/// The shape-ops fixture written by PyTorch (Fixtures/README.md), opened in place from the test bundle.
func shapeOpsFixture() throws -> SafetensorsFile {
    guard let url = Bundle.module.url(forResource: "shape_ops", withExtension: "safetensors", subdirectory: "Fixtures") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try SafetensorsFile(path: url.path)
}

extension SafetensorsFile {
    /// The tensor called `name`, as a `Tensor` of its stored shape.
    func tensor(_ name: String) throws -> Tensor {
        try Tensor(shape: info(name).shape, values: floats(name))
    }
}
