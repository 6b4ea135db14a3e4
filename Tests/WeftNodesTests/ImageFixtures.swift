import Foundation
import Testing
import WeftCore
import WeftImage
import WeftNodes
import WeftTensor

/// The image files in Tests/WeftNodesTests/Fixtures (see its README.md).
enum ImageFixtures {
    /// The bytes of a fixture file.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    /// Copies a fixture file into the scratch input folder under `name`.
    static func install(_ fixture: String, as name: String? = nil, in scratch: Scratch) throws {
        let target = scratch.directories.input.appending(path: name ?? fixture)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try bytes(fixture)).write(to: target)
    }
}

extension NodeOutput {
    /// The tensor of slot `index` when it holds an IMAGE or MASK.
    func tensor(_ index: Int) -> Tensor? {
        guard case .custom(let payload)? = slots[index].first else { return nil }
        return (payload as? ImageValue)?.tensor ?? (payload as? MaskValue)?.tensor
    }
}

/// An IMAGE tensor of the given shape whose values are `k / 255` for a pattern of bytes `k`, so PNG round trips are
/// exact.
func byteExactImage(_ shape: [Int]) -> Tensor {
    let count = shape.reduce(1, *)
    return try! Tensor(shape: shape, values: (0..<count).map { Float(($0 * 37 + 11) % 256) / 255 })
}

/// Literal node inputs in tests: `"width": 512`, `"scale_by": 1.5`, `"crop": "center"`.
extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    init(integerLiteral value: Int) { self = .int(Int128(value)) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(stringLiteral value: String) { self = .string(value) }
}
