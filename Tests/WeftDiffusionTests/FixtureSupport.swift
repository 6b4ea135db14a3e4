import Foundation
import WeftTensor

/// The fixture file `Fixtures/<name>.safetensors`, opened.
func fixtureFile(_ name: String) throws -> SafetensorsFile {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors") else {
        throw FixtureMissing(name: name)
    }
    return try SafetensorsFile(path: url.path)
}

/// The tensor `tensor` of the fixture file `Fixtures/<file>.safetensors` as Float32.
func fixtureTensor(_ file: String, _ tensor: String) throws -> Tensor {
    let opened = try fixtureFile(file)
    return try Tensor(shape: opened.info(tensor).shape, values: opened.floats(tensor))
}

/// The largest absolute difference between `actual` and `expected`, relative to `expected`'s largest magnitude: the
/// "relative error" every model test bounds. Infinite when the shapes differ or a value is not finite.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    guard actual.shape == expected.shape else { return .infinity }
    var difference: Float = 0
    var scale: Float = 0
    for (a, e) in zip(actual.scalars, expected.scalars) {
        guard a.isFinite else { return .infinity }
        difference = max(difference, abs(a - e))
        scale = max(scale, abs(e))
    }
    return difference / max(scale, .leastNormalMagnitude)
}

/// A fixture the tests expected is not in the bundle.
struct FixtureMissing: Error, CustomStringConvertible {
    /// The fixture's name without extension.
    let name: String

    var description: String { "fixture Fixtures/\(name).safetensors is missing" }
}

/// The file-system path of the fixture `Fixtures/<name>.<ext>`.
func fixturePath(_ name: String, extension ext: String = "safetensors") throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: ext) else {
        throw FixtureMissing(name: name)
    }
    return url.path
}
